package dev.wisp.build.strategy;

import dev.wisp.api.build.v1alpha1.BuildStrategy;
import java.nio.file.Path;
import java.util.List;

/** One way of building an app: the steps that build it, and how the built app starts on {@code $PORT}. */
public interface Strategy {
    BuildStrategy kind();

    /**
     * The steps to run in the app's directory, in order. {@code dependencyCache} is a directory kept
     * between builds of the same Build, for downloads the strategy caches.
     */
    List<BuildStep> steps(SourceFiles source, Path dependencyCache) throws BuildFailure;

    /** How the app starts, decided after the steps ran (a Maven build names its jar only then). */
    StartCommand start(SourceFiles built) throws BuildFailure;
}
