package dev.rollbackshell.backup;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Deleting backup trees (read-only files, maybe read-only folders) and naming I/O failures. */
public final class Trees {

    /** A backup being deleted: renamed to this first, so a half-deleted one is never listed. */
    public static final String DELETING_PREFIX = ".deleting-";

    private Trees() {
    }

    /** Deletes a tree without following links; folders are made writable first. */
    public static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                dir.toFile().setWritable(true);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Like {@link #deleteRecursively} for scratch and bookkeeping folders: nothing for
     * {@code null}, and what cannot be deleted is left behind without complaint.
     */
    public static void deleteQuietly(Path root) {
        if (root == null) {
            return;
        }
        try {
            deleteRecursively(root);
        } catch (IOException e) {
            // leftovers only: callers use this where a folder left behind is harmless
        }
    }
}
