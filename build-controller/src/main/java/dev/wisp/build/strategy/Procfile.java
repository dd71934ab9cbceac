package dev.wisp.build.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the {@code web:} line of a Procfile into an argument array without a shell: words split at
 * white space, single and double quotes group words, and {@code $PORT} / {@code ${PORT}} become
 * Knative's {@code $(PORT)}, which the runtime expands. Shell syntax (pipes, {@code &&}) is refused.
 */
public final class Procfile {
    private Procfile() {
    }

    /** The web process's argument array, if the Procfile has a {@code web:} line. */
    public static Optional<List<String>> webCommand(String procfile) throws BuildFailure {
        for (String line : procfile.split("\\R")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("web:")) {
                return Optional.of(split(trimmed.substring(4).trim()));
            }
        }
        return Optional.empty();
    }

    static List<String> split(String line) throws BuildFailure {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(expandPort(word.toString()));
                    word.setLength(0);
                    inWord = false;
                }
            } else if ("|&;<>`".indexOf(c) >= 0) {
                throw new BuildFailure("ProcfileInvalid", "Procfile web: \"" + line + "\" uses shell syntax ('" + c
                        + "'); Wisp runs the web command as an argument array without a shell");
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new BuildFailure("ProcfileInvalid", "Procfile web: \"" + line + "\" has an unclosed quote");
        }
        if (inWord) {
            words.add(expandPort(word.toString()));
        }
        if (words.isEmpty()) {
            throw new BuildFailure("ProcfileInvalid", "Procfile web: line has no command");
        }
        return words;
    }

    private static String expandPort(String word) {
        return word.replace("${PORT}", "$(PORT)").replaceAll("\\$PORT\\b", "\\$(PORT)");
    }
}
