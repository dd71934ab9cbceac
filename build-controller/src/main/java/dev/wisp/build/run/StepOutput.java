package dev.wisp.build.run;

import java.util.List;

/**
 * Picks the lines of a failed step's output that say why it failed: the first Maven/compiler
 * {@code [ERROR]} lines when there are any (the compiler's errors come first; Maven's help follows),
 * otherwise the last lines of the output.
 */
public final class StepOutput {
    static final int MAX_LINES = 12;

    private StepOutput() {
    }

    /** At most {@value #MAX_LINES} lines explaining the failure. */
    public static List<String> errorLines(String output) {
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        List<String> errors = lines.stream()
                .filter(l -> l.startsWith("[ERROR]") || l.startsWith("ERROR") || l.contains(" error:"))
                .filter(l -> !l.startsWith("[ERROR] -> [Help") && !l.equals("[ERROR] ")
                        && !l.contains("To see the full stack trace") && !l.contains("Re-run Maven using")
                        && !l.contains("For more information about the errors") && !l.contains("[Help 1]"))
                .limit(MAX_LINES).toList();
        if (!errors.isEmpty()) {
            return errors;
        }
        return lines.subList(Math.max(0, lines.size() - MAX_LINES), lines.size());
    }
}
