package dev.rollbackshell.testing;

import dev.rollbackshell.backup.Hashing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything a project holds, as one comparable map: path to type, mode, and for files the
 * SHA-256 of the content and the modification time (ms), for links the target. The tool's
 * own areas ({@code .rollback}, the backups, {@code .git}) are left out. Two equal
 * snapshots mean the trees are equal byte for byte.
 */
public final class TreeSnapshot {

    private static final Set<String> SKIP = Set.of(".rollback", "redundancy_reduction_backups", ".git");

    private TreeSnapshot() {
    }

    public static TreeMap<String, String> of(Path root) {
        return of(root, true);
    }

    /** Without modification times, for comparing with a tree that was written fresh. */
    public static TreeMap<String, String> contentOf(Path root) {
        return of(root, false);
    }

    private static TreeMap<String, String> of(Path root, boolean times) {
        TreeMap<String, String> out = new TreeMap<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    String rel = rel(root, dir);
                    if (!rel.isEmpty() && SKIP.contains(rel)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (!rel.isEmpty()) {
                        out.put(rel, "dir " + mode(dir));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String rel = rel(root, file);
                    if (attrs.isSymbolicLink()) {
                        out.put(rel, "link " + Files.readSymbolicLink(file));
                    } else if (attrs.isOther()) {
                        out.put(rel, "special " + mode(file)); // a pipe, socket or device: never opened
                    } else {
                        out.put(rel, "file " + mode(file) + " " + Hashing.sha256(file)
                                + (times ? " " + attrs.lastModifiedTime().toMillis() : ""));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String rel(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }
}
