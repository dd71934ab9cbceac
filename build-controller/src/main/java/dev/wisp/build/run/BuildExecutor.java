package dev.wisp.build.run;

import dev.wisp.api.build.BundleReference;
import dev.wisp.api.build.v1alpha1.Build;
import dev.wisp.api.build.v1alpha1.BuildSpec;
import dev.wisp.api.build.v1alpha1.BuildStrategy;
import dev.wisp.build.BuildSettings;
import dev.wisp.build.bundle.BuildCache;
import dev.wisp.build.bundle.BundleManifest;
import dev.wisp.build.bundle.BundleStore;
import dev.wisp.build.bundle.TreeDigest;
import dev.wisp.build.source.FetchedSource;
import dev.wisp.build.source.SourceFetcher;
import dev.wisp.build.source.TreeCopy;
import dev.wisp.build.strategy.BuildFailure;
import dev.wisp.build.strategy.BuildStep;
import dev.wisp.build.strategy.SourceFiles;
import dev.wisp.build.strategy.StartCommand;
import dev.wisp.build.strategy.Strategies;
import dev.wisp.build.strategy.Strategy;
import dev.wisp.build.strategy.StrategyDetector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Runs one build of a Build: fetch the source, find the app's directory, detect the strategy, reuse
 * a cached bundle for the same source digest and strategy, else run the strategy's steps and commit
 * the result as a bundle. Writes every stage to the Build's log. Blocking; one build at a time per Build.
 */
public final class BuildExecutor {
    private static final Logger LOG = Logger.getLogger(BuildExecutor.class);

    private final BuildSettings settings;
    private final BuildLogs logs;
    private final BundleStore bundles;
    private final BuildCache cache;
    private final SourceFetcher fetcher = new SourceFetcher();
    private final StepRunner steps;
    private final Strategies strategies;

    public BuildExecutor(BuildSettings settings, BuildLogs logs, BundleStore bundles) {
        this.settings = settings;
        this.logs = logs;
        this.bundles = bundles;
        this.cache = new BuildCache(settings.stateDir(), bundles);
        this.steps = new StepRunner(settings.stepTimeout());
        this.strategies = new Strategies(settings.mavenOffline());
    }

    /** What a run learnt about its source so far, for the status of a run that fails later. */
    private static final class Progress {
        String sourceDigest;
        String strategy;
    }

    /** Builds {@code build}; never throws for a build that fails, it returns {@link BuildResult.Failed}. */
    public BuildResult run(Build build) {
        String ns = build.getMetadata().getNamespace();
        String name = build.getMetadata().getName();
        Path work = settings.stateDir().resolve("builds").resolve("work").resolve(ns).resolve(name);
        logs.start(ns, name);
        Progress progress = new Progress();
        try {
            TreeCopy.delete(work);
            return runIn(build, work, progress);
        } catch (BuildFailure e) {
            logs.append(ns, name, "==> failed: " + e.reason() + ": " + e.getMessage());
            return new BuildResult.Failed(e.reason(), e.getMessage(), progress.sourceDigest, progress.strategy);
        } catch (IOException | RuntimeException e) {
            LOG.warnf(e, "build failed namespace=%s name=%s", ns, name);
            logs.append(ns, name, "==> failed: " + e);
            return new BuildResult.Failed("InternalError", e.toString(), progress.sourceDigest, progress.strategy);
        } finally {
            deleteQuietly(work);
        }
    }

    private BuildResult runIn(Build build, Path work, Progress progress) throws BuildFailure, IOException {
        String ns = build.getMetadata().getNamespace();
        String name = build.getMetadata().getName();
        BuildSpec spec = build.getSpec();
        Optional<Path> original = SourceFetcher.localAppDir(spec.getSource());
        if (original.isPresent()) {
            // refuse a directory with nothing to build (a mistyped --source /tmp) before copying all of it
            detect(spec, new SourceFiles(original.get()));
        }
        FetchedSource source = fetcher.fetch(spec.getSource(), work.resolve("src"));
        logs.append(ns, name, "==> fetched: " + source.description());
        logSkipped(ns, name, source.skippedSpecialFiles());
        Path appDir = SourceFetcher.contextDir(source.root().toRealPath(), spec.getSource().getContextDir());
        SourceFiles files = new SourceFiles(appDir);
        String sourceDigest = TreeDigest.of(appDir, SourceFetcher.SKIPPED);
        progress.sourceDigest = "sha256:" + sourceDigest;
        BuildStrategy kind = detect(spec, files);
        progress.strategy = kind.specName();
        logs.append(ns, name, "==> source: sha256:" + sourceDigest + " strategy: " + kind.specName());
        String key = BuildCache.key(sourceDigest, kind.specName(), name, StartCommands.settingsKey(spec));
        Optional<BuildResult> cached = fromCache(ns, name, key);
        if (cached.isPresent()) {
            return cached.get();
        }
        Strategy strategy = strategies.of(kind);
        Path dependencyCache = settings.stateDir().resolve("builds").resolve("deps").resolve(ns).resolve(name);
        SourcePaths paths = SourcePaths.of(source.root());
        for (BuildStep step : strategy.steps(files, dependencyCache)) {
            steps.run(step, appDir, logs.file(ns, name), paths);
        }
        StartCommand start = StartCommands.resolve(spec, files, strategy);
        logs.append(ns, name, "==> start command: " + String.join(" ", start.command())
                + (start.args().isEmpty() ? "" : " " + String.join(" ", start.args())));
        BundleManifest manifest = new BundleManifest(name, kind.specName(), "sha256:" + sourceDigest,
                start.command(), start.args(), StartCommands.env(spec));
        BundleReference bundle = bundles.commit(appDir, manifest);
        cache.put(key, bundle);
        logs.append(ns, name, "==> bundle: " + bundle.image());
        return new BuildResult.Built(bundle, manifest, false);
    }

    private static BuildStrategy detect(BuildSpec spec, SourceFiles files) throws BuildFailure {
        return StrategyDetector.detect(BuildStrategy.fromSpec(spec.getStrategy()).orElse(BuildStrategy.AUTO),
                files, spec.getCommand() != null && !spec.getCommand().isEmpty());
    }

    /** One log line for all the special files a local copy left out. */
    private void logSkipped(String ns, String name, List<Path> special) {
        if (special.isEmpty()) {
            return;
        }
        List<String> shown = special.stream().limit(5).map(Path::toString).toList();
        logs.append(ns, name, "==> skipped " + special.size() + " special file(s) (sockets, fifos, devices) that "
                + "cannot be copied: " + String.join(", ", shown)
                + (special.size() > shown.size() ? " and " + (special.size() - shown.size()) + " more" : ""));
    }

    /** The absolute directory a bundle's command runs in. */
    public Path appDirectory(BundleReference bundle) {
        return bundles.appDirectory(bundle).toAbsolutePath();
    }

    private Optional<BuildResult> fromCache(String ns, String name, String key) {
        Optional<BundleReference> hit = cache.find(key);
        if (hit.isEmpty()) {
            return Optional.empty();
        }
        Optional<BundleManifest> manifest = bundles.manifest(hit.get());
        if (manifest.isEmpty()) {
            return Optional.empty();
        }
        logs.append(ns, name, "==> cache hit: " + hit.get().image() + " (same source and strategy; no build step run)");
        return Optional.of(new BuildResult.Built(hit.get(), manifest.get(), true));
    }

    private static void deleteQuietly(Path dir) {
        try {
            TreeCopy.delete(dir);
        } catch (IOException e) {
            LOG.warnf("cannot delete build work directory dir=%s error=%s", dir, e.toString());
        }
    }
}
