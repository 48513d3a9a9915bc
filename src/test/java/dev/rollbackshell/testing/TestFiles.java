package dev.rollbackshell.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/** Small helpers for building fixtures on real folders. */
public final class TestFiles {

    private TestFiles() {
    }

    public static Path write(Path root, String relative, String content) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    public static String read(Path root, String relative) throws IOException {
        return Files.readString(root.resolve(relative), StandardCharsets.UTF_8);
    }

    /**
     * The tests' one tree copy: {@code from} into {@code to} (created, files there replaced),
     * links copied as links, each file's mode kept; with {@code keepAttributes} its times too.
     */
    public static void copyTree(Path from, Path to, boolean keepAttributes) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                Path t = to.resolve(from.relativize(f).toString());
                if (a.isSymbolicLink()) {
                    Files.deleteIfExists(t);
                    Files.createSymbolicLink(t, Files.readSymbolicLink(f));
                } else if (keepAttributes) {
                    Files.copy(f, t, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING,
                            LinkOption.NOFOLLOW_LINKS);
                } else {
                    Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(t, Files.getPosixFilePermissions(f));
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** {@link #copyTree(Path, Path, boolean)} without the times. */
    public static void copyTree(Path from, Path to) throws IOException {
        copyTree(from, to, false);
    }

    /** Deletes everything below {@code dir} (not following links), making read-only files writable first. */
    public static void deleteContents(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                d.toFile().setWritable(true);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                if (!d.equals(dir)) {
                    Files.delete(d);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
