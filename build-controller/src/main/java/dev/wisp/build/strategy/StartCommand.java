package dev.wisp.build.strategy;

import java.util.List;

/**
 * How the built app starts, as the Service container's {@code command} and {@code args}: an argument
 * array, run in the app's directory, that makes the app listen on {@code $PORT} (written
 * {@code $(PORT)} where it is an argument, as Knative expands it).
 */
public record StartCommand(List<String> command, List<String> args) {
    public StartCommand {
        command = List.copyOf(command);
        args = List.copyOf(args);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a start command needs an executable");
        }
    }

    public static StartCommand of(String... command) {
        return new StartCommand(List.of(command), List.of());
    }
}
