package dev.wisp.build.strategy;

import dev.wisp.api.build.v1alpha1.BuildStrategy;

/** The strategy implementation for each {@link BuildStrategy} (auto is resolved by {@link StrategyDetector} first). */
public final class Strategies {
    private final boolean mavenOffline;

    public Strategies(boolean mavenOffline) {
        this.mavenOffline = mavenOffline;
    }

    public Strategy of(BuildStrategy kind) {
        return switch (kind) {
            case MAVEN -> new MavenStrategy(mavenOffline);
            case NODE -> new NodeStrategy();
            case PYTHON -> new PythonStrategy();
            case COMMAND -> new CommandStrategy();
            case AUTO -> throw new IllegalArgumentException("auto is detected, not run");
        };
    }
}
