package dev.wisp.build.kubernetes;

import dev.wisp.api.build.v1alpha1.Build;
import dev.wisp.api.build.v1alpha1.BuildGroup;
import dev.wisp.api.build.v1alpha1.BuildStatus;
import dev.wisp.api.serving.v1.Service;
import dev.wisp.build.reconciler.BuildAction;
import dev.wisp.build.reconciler.BuildPlanner;
import dev.wisp.build.reconciler.ServiceTemplates;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Reconciles one Build in Kubernetes mode: {@link BuildPlanner} decides (the same planner as standalone);
 * a run creates the Build's Job ({@link BuildJobs}) and follows it — Succeeded=Unknown while it runs,
 * True when it pushed the image (then the target Knative Service's template is set to
 * {@code output.image@sha256:...}), False with the Job's reason when it failed, the Service untouched.
 */
public final class KubernetesBuildReconciler {
    private static final Logger LOG = Logger.getLogger(KubernetesBuildReconciler.class);

    private final KubernetesClient client;
    private final KubernetesBuildSettings settings;
    private final Clock clock;

    public KubernetesBuildReconciler(KubernetesClient client, KubernetesBuildSettings settings, Clock clock) {
        this.client = client;
        this.settings = settings;
        this.clock = clock;
    }

    public void reconcile(String namespace, String name) {
        Build build = client.resources(Build.class).inNamespace(namespace).withName(name).get();
        if (build == null) {
            return;
        }
        Optional<Service> target = service(build);
        BuildAction action = BuildPlanner.plan(build, target);
        BuildStatus status = build.getStatus() == null ? new BuildStatus() : build.getStatus();
        if (action instanceof BuildAction.RecordUrl url) {
            status.setUrl(url.url());
            writeStatus(build, status);
        } else if (action instanceof BuildAction.ClearUrl) {
            status.setUrl(null);
            writeStatus(build, status);
        } else if (action instanceof BuildAction.Run) {
            followJob(build, status);
        }
    }

    private void followJob(Build build, BuildStatus status) {
        String ns = build.getMetadata().getNamespace();
        boolean newRun = !Objects.equals(status.getObservedGeneration(), build.getMetadata().getGeneration())
                || !Objects.equals(status.getObservedRun(), runToken(build));
        status.setObservedGeneration(build.getMetadata().getGeneration());
        status.setObservedRun(runToken(build));
        Optional<String> problem = BuildJobs.problem(build);
        if (problem.isPresent()) {
            status.markFailed("BuildInvalid", problem.get(), clock.instant());
            writeStatus(build, status);
            return;
        }
        String jobName = BuildJobs.name(build);
        Job job = client.batch().v1().jobs().inNamespace(ns).withName(jobName).get();
        if (job == null) {
            client.batch().v1().jobs().inNamespace(ns).resource(BuildJobs.make(build, settings)).create();
            LOG.infof("build job created namespace=%s name=%s job=%s", ns, build.getMetadata().getName(), jobName);
            status.setUrl(null);
            status.markRunning("Building", "Job " + jobName + " created", clock.instant());
            writeStatus(build, status);
            return;
        }
        List<Pod> pods = client.pods().inNamespace(ns).withLabel("job-name", jobName).list().getItems();
        JobOutcome outcome = JobOutcome.of(job, pods);
        if (outcome instanceof JobOutcome.Running running) {
            if (newRun || status.condition(BuildStatus.SUCCEEDED).isEmpty()) {
                status.markRunning("Building", running.message(), clock.instant());
                writeStatus(build, status);
            }
        } else if (outcome instanceof JobOutcome.Succeeded succeeded) {
            String image = repository(build.getSpec().getOutput().getImage()) + "@" + succeeded.digest();
            rollOut(build, image);
            status.markSucceeded(image, succeeded.digest(), false, clock.instant());
            status.setStrategy(build.getSpec().getStrategy());
            LOG.infof("build succeeded namespace=%s name=%s image=%s", ns, build.getMetadata().getName(), image);
            writeStatus(build, status);
        } else if (outcome instanceof JobOutcome.Failed failed) {
            status.markFailed(failed.reason(), failed.message(), clock.instant());
            LOG.infof("build failed namespace=%s name=%s reason=%s", ns, build.getMetadata().getName(), failed.reason());
            writeStatus(build, status);
        }
    }

    /** Sets the target Service's first container to {@code image} (creating the Service when missing). */
    private void rollOut(Build build, String image) {
        Optional<Service> current = service(build);
        Service service = current.orElseGet(() -> ServiceTemplates.newService(build));
        Container container = ServiceTemplates.firstContainer(service, build);
        container.setImage(image);
        var services = client.resources(Service.class).inNamespace(build.getMetadata().getNamespace());
        if (current.isPresent()) {
            services.resource(service).update();
        } else {
            services.resource(service).create();
        }
    }

    private Optional<Service> service(Build build) {
        return Optional.ofNullable(client.resources(Service.class).inNamespace(build.getMetadata().getNamespace())
                .withName(build.getSpec().getTarget().getService()).get());
    }

    private void writeStatus(Build build, BuildStatus status) {
        build.setStatus(status);
        client.resources(Build.class).inNamespace(build.getMetadata().getNamespace()).resource(build).updateStatus();
    }

    /** {@code registry/repo:tag} or {@code registry/repo@sha256:...} without its tag or digest. */
    static String repository(String image) {
        String withoutDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int slash = withoutDigest.lastIndexOf('/');
        int colon = withoutDigest.lastIndexOf(':');
        return colon > slash ? withoutDigest.substring(0, colon) : withoutDigest;
    }

    private static String runToken(Build build) {
        return build.getMetadata().getAnnotations() == null ? null
                : build.getMetadata().getAnnotations().get(BuildGroup.RUN_ANNOTATION);
    }
}
