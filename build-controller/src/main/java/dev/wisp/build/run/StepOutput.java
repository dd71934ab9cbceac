package dev.wisp.build.run;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Picks the lines of a failed step's output that say why it failed (pure): ANSI colour codes are
 * removed; the headline is the first compiler/npm/pip error line, preferring one that names a file
 * and line ({@code File.java:[12,9]}, {@code app.ts(3,5)}, {@code x.js:3}); the error lines are the first
 * Maven/compiler/npm/pip error lines when there are any (the compiler's errors come first; Maven's help
 * follows), otherwise the last lines of the output.
 */
public final class StepOutput {
    static final int MAX_LINES = 12;
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");
    private static final Pattern LOCATION = Pattern.compile("[\\w./\\\\-]+\\.\\w+(:\\[\\d+,\\d+]|:\\d+|\\(\\d+,\\d+\\))|line \\d+");
    private static final Pattern EXCEPTION = Pattern.compile("^[A-Z]\\w*(Error|Exception): .*");
    private static final Pattern NPM_DETAIL = Pattern.compile("^npm (ERR!|error) (code|errno|syscall|path|command|cwd) .*");
    private static final List<String> NOISE = List.of("[ERROR] -> [Help", "To see the full stack trace",
            "Re-run Maven using", "For more information about the errors", "[Help 1]",
            "A complete log of this run can be found in", "npm error Log files were not written");

    private StepOutput() {
    }

    /** The non-blank lines of {@code output}, without ANSI colour codes or trailing blanks. */
    public static List<String> lines(String output) {
        return ANSI.matcher(output).replaceAll("").lines().map(String::stripTrailing)
                .filter(l -> !l.isBlank()).toList();
    }

    /** At most {@value #MAX_LINES} lines explaining the failure. */
    public static List<String> errorLines(String output) {
        List<String> lines = lines(output);
        List<String> errors = errors(lines).stream().distinct().limit(MAX_LINES).toList();
        if (!errors.isEmpty()) {
            return errors;
        }
        return lines.subList(Math.max(0, lines.size() - MAX_LINES), lines.size());
    }

    /** The one line that best says what went wrong, without Maven's {@code [ERROR]} prefix; empty for no output. */
    public static Optional<String> headline(String output) {
        List<String> lines = lines(output);
        List<String> errors = errors(lines);
        Optional<String> line = errors.stream().filter(l -> LOCATION.matcher(l).find()).findFirst()
                .or(() -> errors.stream().filter(l -> !NPM_DETAIL.matcher(l).matches()).findFirst())
                .or(() -> errors.stream().findFirst())
                .or(() -> lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(lines.size() - 1)));
        return line.map(l -> l.startsWith("[ERROR] ") ? l.substring("[ERROR] ".length()).strip() : l.strip());
    }

    private static List<String> errors(List<String> lines) {
        return lines.stream().filter(StepOutput::isError)
                .filter(l -> !l.equals("[ERROR]") && NOISE.stream().noneMatch(l::contains)).toList();
    }

    private static boolean isError(String line) {
        return line.startsWith("[ERROR]") || line.startsWith("ERROR") || line.startsWith("error:")
                || line.startsWith("npm ERR!") || line.startsWith("npm error ") || line.contains(" error:")
                || line.contains(" error TS") || EXCEPTION.matcher(line).matches();
    }
}
