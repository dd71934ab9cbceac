package dev.wisp.serving.runtime.process;

import java.util.Map;

/**
 * Expands Kubernetes-style variable references: {@code $(VAR)} becomes VAR's value when VAR is
 * defined, {@code $$} becomes {@code $} (so {@code $$(VAR)} yields a literal {@code $(VAR)}), and
 * references to undefined variables or unclosed references are left as written. It follows
 * Kubernetes' {@code third_party/forked/golang/expansion} byte for byte.
 */
public final class VariableExpansion {

    private VariableExpansion() {
    }

    /** Expands every reference in {@code input} using {@code variables}. */
    public static String expand(String input, Map<String, String> variables) {
        if (input == null || input.indexOf('$') < 0) {
            return input;
        }
        StringBuilder out = new StringBuilder(input.length());
        int checkpoint = 0;
        for (int cursor = 0; cursor < input.length(); cursor++) {
            if (input.charAt(cursor) == '$' && cursor + 1 < input.length()) {
                out.append(input, checkpoint, cursor);
                cursor += appendReference(input, cursor + 1, variables, out);
                checkpoint = cursor + 1;
            }
        }
        return out.append(input, checkpoint, input.length()).toString();
    }

    /** Appends what the text after a {@code $} at {@code start} expands to; returns the characters consumed. */
    private static int appendReference(String input, int start, Map<String, String> variables, StringBuilder out) {
        char first = input.charAt(start);
        if (first == '$') {
            out.append('$');
            return 1;
        }
        if (first != '(') {
            out.append('$').append(first);
            return 1;
        }
        int close = input.indexOf(')', start + 1);
        if (close < 0) {
            out.append("$(");
            return 1;
        }
        String name = input.substring(start + 1, close);
        String value = variables.get(name);
        out.append(value != null ? value : "$(" + name + ")");
        return close - start + 1;
    }
}
