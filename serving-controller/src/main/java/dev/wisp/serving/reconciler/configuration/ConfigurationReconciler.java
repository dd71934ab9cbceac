package dev.wisp.serving.reconciler.configuration;

import dev.wisp.api.serving.v1.Configuration;
import dev.wisp.api.serving.v1.Revision;
import dev.wisp.api.store.ResourceStore;
import dev.wisp.serving.reconciler.Reconciler;
import dev.wisp.serving.reconciler.StatusWriter;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Reconciles a Configuration: creates the Revision {@link ConfigurationPlanner} plans (Revisions
 * are immutable, so never updated) and writes the status.
 */
public final class ConfigurationReconciler implements Reconciler {
    private static final Logger LOG = Logger.getLogger(ConfigurationReconciler.class);

    private final ResourceStore store;
    private final StatusWriter statusWriter;
    private final Clock clock;

    public ConfigurationReconciler(ResourceStore store, Clock clock) {
        this.store = store;
        this.statusWriter = new StatusWriter(store);
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
    }
}
