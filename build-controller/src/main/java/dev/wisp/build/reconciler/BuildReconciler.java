package dev.wisp.build.reconciler;

import dev.wisp.api.build.v1alpha1.Build;
import dev.wisp.api.build.v1alpha1.BuildStatus;
import dev.wisp.api.serving.v1.Service;
import dev.wisp.api.serving.v1.ServingDefaults;
import dev.wisp.api.serving.v1.ServingValidation;
import dev.wisp.api.store.ResourceStore;
import dev.wisp.api.status.Condition;
import dev.wisp.build.image.OutputFormat;
import dev.wisp.build.run.BuildExecutor;
import dev.wisp.build.run.ImageStage;
import dev.wisp.build.strategy.BuildFailure;
import dev.wisp.build.run.BuildResult;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Reconciles one Build: asks {@link BuildPlanner} what it needs, then runs the build (status
 * Succeeded=Unknown while it runs), rolls a successful result out to the target Service through the
 * store (a new Revision), or records the failure and leaves the Service untouched; records the
 * Service's URL once the built revision serves it, and clears it once the Service is deleted. The
 * status describes the latest run: a failed run has no image and the digest of the source that failed.
 */
public final class BuildReconciler {
    private static final Logger LOG = Logger.getLogger(BuildReconciler.class);

    private final ResourceStore store;
    private final BuildExecutor executor;
    private final ImageStage images;
    private final ServingValidation serviceValidation = new ServingValidation();
    private final Clock clock;

    public BuildReconciler(ResourceStore store, BuildExecutor executor, ImageStage images, Clock clock) {
        this.store = store;
        this.executor = executor;
        this.images = images;
        this.clock = clock;
    }

    public void reconcile(String namespace, String name) {
        Optional<Build> found = store.get(Build.class, namespace, name);
        if (found.isEmpty()) {
            return;
        }
        Build build = found.get();
        Optional<Service> target = store.get(Service.class, namespace, build.getSpec().getTarget().getService());
        BuildAction action = BuildPlanner.plan(build, target);
        if (action instanceof BuildAction.Run run) {
            LOG.infof("build starting namespace=%s name=%s why=%s", namespace, name, run.why());
            runBuild(build);
        } else if (action instanceof BuildAction.RecordUrl url) {
            BuildStatus status = build.getStatus();
            status.setUrl(url.url());
            writeStatus(build, status);
            LOG.infof("build serving namespace=%s name=%s url=%s", namespace, name, url.url());
        } else if (action instanceof BuildAction.ClearUrl) {
            BuildStatus status = build.getStatus();
            status.setUrl(null);
            writeStatus(build, status);
            LOG.infof("build url cleared namespace=%s name=%s why=service %s deleted", namespace, name,
                    build.getSpec().getTarget().getService());
        }
    }

    private void runBuild(Build build) {
        BuildStatus status = build.getStatus() == null ? new BuildStatus() : build.getStatus();
        status.setObservedGeneration(build.getMetadata().getGeneration());
        status.setObservedRun(BuildPlanner.runToken(build));
        status.setUrl(null);
        status.setCacheHit(null);
        status.markRunning("Building", "fetching and building the source", clock.instant());
        writeStatus(build, status);
        long started = System.nanoTime();
        BuildResult result = executor.run(build);
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (result instanceof BuildResult.Built built) {
            status.setStrategy(built.manifest().strategy());
            status.setSourceDigest(built.manifest().sourceDigest());
            Optional<Service> target = store.get(Service.class, build.getMetadata().getNamespace(),
                    build.getSpec().getTarget().getService());
            if (OutputFormat.of(build, target) == OutputFormat.OCI) {
                finishImage(build, status, built);
            } else {
                finishBundle(build, status, built);
            }
            LOG.infof("build finished namespace=%s name=%s succeeded=%s cacheHit=%s millis=%d",
                    build.getMetadata().getNamespace(), build.getMetadata().getName(), status.isSucceeded(),
                    built.cacheHit(), millis);
        } else if (result instanceof BuildResult.Failed failed) {
            status.markFailed(failed.reason(), failed.message(), clock.instant());
            status.setSourceDigest(failed.sourceDigest());
            status.setStrategy(failed.strategy());
            LOG.infof("build failed namespace=%s name=%s reason=%s millis=%d", build.getMetadata().getNamespace(),
                    build.getMetadata().getName(), failed.reason(), millis);
        }
        writeStatus(build, status);
    }

    private void finishBundle(Build build, BuildStatus status, BuildResult.Built built) {
        try {
            rollOut(build, built);
        } catch (RuntimeException e) {
            status.markFailed("RolloutFailed", "cannot update Service " + build.getSpec().getTarget().getService()
                    + ": " + e.getMessage(), clock.instant());
            return;
        }
        status.markSucceeded(built.bundle().image(), built.bundle().digest(), built.cacheHit(), clock.instant());
    }

    /** OCI output: build the image; roll it out when it was pushed or loaded, else say why not. */
    private void finishImage(Build build, BuildStatus status, BuildResult.Built built) {
        ImageStage.Result image;
        try {
            image = images.run(build, built, executor.appDirectory(built.bundle()));
        } catch (BuildFailure e) {
            status.markFailed(e.reason(), e.getMessage(), clock.instant());
            return;
        }
        if (image.runAs().isEmpty()) {
            status.markSucceeded(image.image().taggedAs(), image.image().digest(), built.cacheHit(), clock.instant());
            status.mark(BuildStatus.SUCCEEDED, Condition.TRUE, "NotRolledOut", image.why(), clock.instant());
            return;
        }
        try {
            apply(build, ServiceTemplates.rollOutImage(current(build), build, image.runAs().get(), built.manifest()));
        } catch (RuntimeException e) {
            status.markFailed("RolloutFailed", "cannot update Service " + build.getSpec().getTarget().getService()
                    + ": " + e.getMessage(), clock.instant());
            return;
        }
        status.markSucceeded(image.runAs().get(), image.image().digest(), built.cacheHit(), clock.instant());
    }

    private Optional<Service> current(Build build) {
        return store.get(Service.class, build.getMetadata().getNamespace(), build.getSpec().getTarget().getService());
    }

    private void rollOut(Build build, BuildResult.Built built) {
        apply(build, ServiceTemplates.rollOut(current(build), build, built,
                executor.appDirectory(built.bundle()).toString()));
    }

    private void apply(Build build, Service service) {
        Optional<Service> current = current(build);
        Service desired = ServingDefaults.apply(service);
        serviceValidation.validate(desired);
        if (current.isPresent()) {
            desired.getMetadata().setResourceVersion(current.get().getMetadata().getResourceVersion());
            store.update(desired);
        } else {
            store.create(desired);
        }
    }

    private void writeStatus(Build build, BuildStatus status) {
        Build fresh = store.get(Build.class, build.getMetadata().getNamespace(), build.getMetadata().getName()).orElse(null);
        if (fresh == null) {
            return;
        }
        fresh.setStatus(status);
        fresh.getMetadata().setResourceVersion(null);
        store.updateStatus(fresh);
    }
}
