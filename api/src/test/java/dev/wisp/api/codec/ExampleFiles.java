package dev.wisp.api.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared example manifests, found beside the repository checkout ({@code ../../shared/examples} from the module). */
public final class ExampleFiles {
    public static final Path DIRECTORY = Path.of("../../shared/examples");

    private ExampleFiles() {
    }

    public static String read(String name) {
        Path file = DIRECTORY.resolve(name);
        if (!Files.isDirectory(DIRECTORY)) {
            throw new IllegalStateException("examples directory not found: " + DIRECTORY.toAbsolutePath().normalize()
                    + " (tests expect shared/ beside the repository checkout and run from the module directory)");
        }
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read example " + file.toAbsolutePath().normalize(), e);
        }
    }
}
