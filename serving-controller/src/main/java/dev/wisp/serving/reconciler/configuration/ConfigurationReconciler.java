package dev.wisp.serving.reconciler.configuration;

import dev.wisp.api.serving.v1.Configuration;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.store.ResourceStore;
import dev.wisp.serving.reconciler.Reconciler;
import dev.wisp.serving.reconciler.StatusWriter;
import dev.wisp.serving.reconciler.retention.RevisionCollector;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Reconciles a Configuration: creates the Revision {@link ConfigurationPlanner} plans (Revisions
 * are immutable, so never updated), writes the status and, when given a {@link RevisionCollector},
 * deletes the non-active revisions beyond the retention limit.
 */
public final class ConfigurationReconciler implements Reconciler {
    private static final Logger LOG = Logger.getLogger(ConfigurationReconciler.class);

    private final ResourceStore store;
    private final StatusWriter statusWriter;
    private final Optional<RevisionCollector> collector;
    private final Clock clock;

    /** A reconciler that keeps every revision. */
    public ConfigurationReconciler(ResourceStore store, Clock clock) {
        this(store, Optional.empty(), clock);
    }

    public ConfigurationReconciler(ResourceStore store, Optional<RevisionCollector> collector, Clock clock) {
        this.store = store;
        this.statusWriter = new StatusWriter(store);
        this.collector = collector;
        this.clock = clock;
    }

    @Override
    public void reconcile(String namespace, String name) {
        Optional<Configuration> found = store.get(Configuration.class, namespace, name);
        if (found.isEmpty()) {
            return;
        }
        Configuration configuration = found.get();
        Optional<Revision> existing = store.get(Revision.class, namespace, Names.revision(configuration));
        ConfigurationPlan plan = ConfigurationPlanner.plan(configuration, existing, clock.instant());
        plan.revisionToCreate().ifPresent(revision -> {
            store.create(revision);
            LOG.infof("revision created namespace=%s configuration=%s revision=%s", namespace, name,
                    revision.getMetadata().getName());
        });
        statusWriter.write(configuration, plan.status());
        configuration.setStatus(plan.status());
        collector.ifPresent(c -> c.collect(configuration));
    }
}
