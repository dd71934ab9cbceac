package dev.wisp.build.reconciler;

/** What the build reconciler does next for one Build, as decided by {@link BuildPlanner}. */
public sealed interface BuildAction {
    /** Run the build (spec, generation or run token changed, or an earlier run was interrupted). */
    record Run(String why) implements BuildAction {
    }

    /** Record the target Service's URL, now that the built revision serves it. */
    record RecordUrl(String url) implements BuildAction {
    }

    /** Clear the recorded URL: the target Service it belonged to is gone. */
    record ClearUrl() implements BuildAction {
    }

    /** Nothing to do. */
    record Nothing() implements BuildAction {
    }
}
