package dev.wisp.serving.kubernetes.controller;

import dev.wisp.api.autoscaling.AutoscalerDefaults;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.serving.kubernetes.resources.RevisionDeploymentBuilder;
import dev.wisp.serving.kubernetes.resources.Names;
import dev.wisp.serving.kubernetes.resources.PodServiceBuilder;
import dev.wisp.serving.kubernetes.resources.ProgressDeadline;
import dev.wisp.serving.kubernetes.revision.DeploymentProgress;
import dev.wisp.serving.kubernetes.revision.DeploymentStatusPlanner;
import dev.wisp.serving.kubernetes.revision.RevisionStatusPlan;
import dev.wisp.serving.reconciler.revision.resources.ScalingPolicies;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reconciles a Revision on Kubernetes: applies its Deployment {@code {revision}-deployment}
 * (created at the initial scale; replicas are the autoscaler's afterwards) and its Service
 * {@code {revision}}, both controlled by the Revision, and derives its status from the Deployment
 * ({@link DeploymentStatusPlanner}), checking again at the progress deadline while pods come up.
 */
public final class RevisionController implements Reconciler<Revision> {
    private final ChildWriter children;
    private final StatusUpdater statuses;
    private final AutoscalerDefaults autoscalerDefaults;
    private final Duration resync;
    private final Clock clock;

    public RevisionController(ChildWriter children, StatusUpdater statuses, AutoscalerDefaults autoscalerDefaults,
                              Duration resync, Clock clock) {
        this.children = children;
        this.statuses = statuses;
        this.autoscalerDefaults = autoscalerDefaults;
        this.resync = resync;
        this.clock = clock;
    }

    @Override
    public List<EventSource<?, Revision>> prepareEventSources(EventSourceContext<Revision> context) {
        return List.of(Caches.owned(Deployment.class, context), Caches.owned(Service.class, context));
    }

    @Override
    public UpdateControl<Revision> reconcile(Revision revision, Context<Revision> context) {
        String namespace = revision.getMetadata().getNamespace();
        int initialScale = ScalingPolicies.forRevision(revision, autoscalerDefaults).initialScale();
        Optional<Deployment> deployment = Caches.get(context, Deployment.class, namespace, Names.deployment(revision));
        children.apply(revision, RevisionDeploymentBuilder.make(revision, initialScale), deployment,
                Caches.of(context, Deployment.class), WorkloadChildren::upToDate, WorkloadChildren::merged);
        Optional<Service> service = Caches.get(context, Service.class, namespace, Names.service(revision));
        children.apply(revision, PodServiceBuilder.make(revision), service, Caches.of(context, Service.class),
                WorkloadChildren::upToDate, WorkloadChildren::merged);
        RevisionStatusPlan plan = DeploymentStatusPlanner.plan(revision, deployment.map(DeploymentProgress::of),
                ProgressDeadline.of(revision), clock.instant());
        statuses.write(revision, plan.status());
        Duration recheck = plan.recheckIn().filter(d -> d.compareTo(resync) < 0).orElse(resync);
        return UpdateControl.<Revision>noUpdate().rescheduleAfter(recheck.isNegative() ? Duration.ZERO : recheck);
    }
}
