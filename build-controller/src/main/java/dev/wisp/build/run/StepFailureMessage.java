package dev.wisp.build.run;

import java.util.List;

/**
 * The Succeeded=False message of a step that exited non-zero (pure): its first line is the first
 * compiler/npm/pip error (so the one line a user sees says why), then which step exited with what,
 * then its error lines (or its last lines); paths in the work copy are shown relative to the source.
 */
public final class StepFailureMessage {
    private StepFailureMessage() {
    }

    /** The message for step {@code stepName} that exited with {@code exit} after printing {@code output}. */
    public static String of(String stepName, int exit, String output, SourcePaths paths) {
        String exited = "step \"" + stepName + "\" exited with " + exit;
        List<String> lines = StepOutput.errorLines(output).stream().map(paths::relativize).distinct().toList();
        if (lines.isEmpty()) {
            return exited + " and printed nothing";
        }
        String headline = paths.relativize(StepOutput.headline(output).orElseThrow());
        return headline + "\n" + exited + ":\n" + String.join("\n", lines);
    }
}
