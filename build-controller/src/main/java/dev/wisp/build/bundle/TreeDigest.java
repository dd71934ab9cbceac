package dev.wisp.build.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The SHA-256 of a directory tree, independent of where it lies, of timestamps and of the order the
 * file system lists it in: every entry's relative path (with '/'), its type, whether it is
 * executable, and its content (a link's target), in sorted order. Names in {@code skipped} are left out at any depth.
 */
public final class TreeDigest {
    private TreeDigest() {
    }

    /** The lower-case hex digest of {@code root}, leaving out entries named in {@code skipped}. */
    public static String of(Path root, Set<String> skipped) {
        MessageDigest digest = sha256();
        for (Path path : entries(root, skipped)) {
            String relative = root.relativize(path).toString().replace('\\', '/');
            digest.update(relative.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            try {
                if (Files.isSymbolicLink(path)) {
                    digest.update((byte) 'l');
                    digest.update(Files.readSymbolicLink(path).toString().getBytes(StandardCharsets.UTF_8));
                } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    digest.update((byte) 'd');
                } else {
                    digest.update((byte) (Files.isExecutable(path) ? 'x' : 'f'));
                    update(digest, path);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The digest of a string, for cache keys. */
    public static String ofText(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Path> entries(Path root, Set<String> skipped) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !p.equals(root))
                    .filter(p -> !isSkipped(root.relativize(p), skipped))
                    .sorted((a, b) -> root.relativize(a).toString().compareTo(root.relativize(b).toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot walk " + root, e);
        }
    }

    static boolean isSkipped(Path relative, Set<String> skipped) {
        for (Path part : relative) {
            if (skipped.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    private static void update(MessageDigest digest, Path file) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
