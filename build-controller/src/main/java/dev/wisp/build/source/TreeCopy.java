package dev.wisp.build.source;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Copies and deletes directory trees. A copy keeps links as links, never following them, and refuses
 * a link that points outside the tree ({@link LinkOutside}); files that are neither regular files,
 * directories nor links (sockets, fifos, devices) are left out and reported.
 */
public final class TreeCopy {
    private TreeCopy() {
    }

    /** A symbolic link in the copied tree whose target lies outside it. */
    public static final class LinkOutside extends IOException {
        private final Path link;
        private final Path target;

        LinkOutside(Path link, Path target) {
            super("symbolic link " + link + " -> " + target + " points outside the source");
            this.link = link;
            this.target = target;
        }

        /** The link, relative to the copied tree. */
        public Path link() {
            return link;
        }

        /** Where it points, as written in the link. */
        public Path target() {
            return target;
        }
    }

    /**
     * Copies {@code from} (a real path: no link in it) into {@code to} (created), leaving out directories
     * named in {@code skipped}; returns the special files left out, relative to {@code from}.
     */
    public static List<Path> copy(Path from, Path to, Set<String> skipped) throws IOException {
        Files.createDirectories(to);
        List<Path> special = new ArrayList<>();
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(from) && skipped.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isOther()) {
                    special.add(from.relativize(file));
                    return FileVisitResult.CONTINUE;
                }
                if (attrs.isSymbolicLink()) {
                    refuseLinkOutside(from, file);
                }
                Path target = to.resolve(from.relativize(file).toString());
                Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING,
                        LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
        return special;
    }

    /** Throws {@link LinkOutside} when {@code link} points outside {@code root}, as written or once resolved. */
    static void refuseLinkOutside(Path root, Path link) throws IOException {
        Path written = Files.readSymbolicLink(link);
        Path lexical = link.getParent().resolve(written).normalize();
        boolean inside = lexical.startsWith(root);
        if (inside && Files.exists(lexical)) {
            // a link through other links (dir/.. where dir is itself a link) can still leave the tree
            inside = link.toRealPath().startsWith(root);
        }
        if (!inside) {
            throw new LinkOutside(root.relativize(link), written);
        }
    }

    /** Deletes a tree if it exists. */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
