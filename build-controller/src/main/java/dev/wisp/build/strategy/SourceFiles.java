package dev.wisp.build.strategy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Read-only questions a strategy asks about the app's directory: does a file exist, what does it hold. */
public record SourceFiles(Path dir) {
    public boolean exists(String name) {
        return Files.isRegularFile(dir.resolve(name));
    }

    public Optional<String> read(String name) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
