package dev.wisp.serving.kubernetes.controller;

import dev.wisp.api.serving.v1.Configuration;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.serving.v1.ServingDefaults;
import dev.wisp.serving.reconciler.configuration.ConfigurationPlan;
import dev.wisp.serving.reconciler.configuration.ConfigurationPlanner;
import dev.wisp.serving.reconciler.configuration.Names;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Reconciles a Configuration on Kubernetes: creates the Revision {@link ConfigurationPlanner}
 * plans for its current template ({@code {configuration}-00001}, ...; Revisions are immutable,
 * so never updated, and earlier ones are kept) and writes the latest created/ready status.
 */
public final class ConfigurationController implements Reconciler<Configuration> {
    private final ChildWriter children;
    private final StatusUpdater statuses;
    private final Clock clock;

    public ConfigurationController(ChildWriter children, StatusUpdater statuses, Clock clock) {
        this.children = children;
        this.statuses = statuses;
        this.clock = clock;
    }

    @Override
    public List<EventSource<?, Configuration>> prepareEventSources(EventSourceContext<Configuration> context) {
        return List.of(Caches.owned(Revision.class, context));
    }

    @Override
    public UpdateControl<Configuration> reconcile(Configuration observed, Context<Configuration> context) {
        Configuration configuration = ServingDefaults.apply(observed); // no admission webhook: defaults in memory
        Optional<Revision> existing = Caches.get(context, Revision.class, configuration.getMetadata().getNamespace(),
                Names.revision(configuration));
        ConfigurationPlan plan = ConfigurationPlanner.plan(configuration, existing, clock.instant());
        plan.revisionToCreate().ifPresent(revision -> children.create(ResourceID.fromResource(configuration),
                revision, Caches.of(context, Revision.class)));
        statuses.write(configuration, plan.status());
        return UpdateControl.noUpdate();
    }
}
