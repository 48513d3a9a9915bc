package dev.rollbackshell.restore;

import dev.rollbackshell.project.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.TreeMap;

/** What the project holds at a path and below, links not followed: files, links and every folder. */
final class ProjectTree {

    record Item(String path, String type, long size, String mode, java.time.Instant mtime, String link) {
        boolean isDir() {
            return SourceEntry.DIR.equals(type);
        }

        boolean isFile() {
            return SourceEntry.FILE.equals(type);
        }

        boolean isLink() {
            return SourceEntry.LINK.equals(type);
        }

        /** A pipe, socket or device node: never opened, never removed. */
        boolean isSpecial() {
            return SPECIAL.equals(type);
        }
    }

    static final String SPECIAL = "other";

    private ProjectTree() {
    }

    /** The first parent of {@code path} that is not a folder (a file or link in the way), or null. */
    static Item blockingParent(Project project, String path) {
        String cur = "";
        String[] parts = path.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            cur = cur.isEmpty() ? parts[i] : cur + "/" + parts[i];
            Item it = item(project, cur);
            if (it == null) {
                return null;
            }
            if (!it.isDir()) {
                return it;
            }
        }
        return null;
    }

    /** One path, or null when it does not exist. */
    static Item item(Project project, String path) {
        try {
            return item(path, project.file(path), attrs(project.file(path)));
        } catch (NoSuchFileException e) {
            return null;
        } catch (java.nio.file.FileSystemException e) {
            if ("Not a directory".equals(e.getReason())) {
                return null;
            }
            throw new UncheckedIOException("cannot read " + path, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** {@code path} and everything below it (nothing when it is missing). */
    static TreeMap<String, Item> scan(Project project, String path) {
        TreeMap<String, Item> out = new TreeMap<>();
        Path start = project.file(path);
        if (!Files.exists(start, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        int cut = project.root().toString().length() + 1;
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) throws IOException {
                    String rel = dir.toString().length() < cut ? "" : dir.toString().substring(cut).replace('\\', '/');
                    out.put(rel, item(rel, dir, a));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes a) throws IOException {
                    String rel = file.toString().substring(cut).replace('\\', '/');
                    out.put(rel, item(rel, file, a));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        return out;
    }

    private static BasicFileAttributes attrs(Path p) throws IOException {
        try {
            return Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
    }

    private static Item item(String rel, Path p, BasicFileAttributes a) throws IOException {
        if (a.isSymbolicLink()) {
            return new Item(rel, SourceEntry.LINK, 0, null, null, Files.readSymbolicLink(p).toString());
        }
        String mode = null;
        try {
            PosixFileAttributes pa = a instanceof PosixFileAttributes x ? x
                    : Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            mode = PosixFilePermissions.toString(pa.permissions());
        } catch (UnsupportedOperationException e) {
            // no POSIX modes on this file system
        }
        if (a.isDirectory()) {
            return new Item(rel, SourceEntry.DIR, 0, mode, null, null);
        }
        return new Item(rel, a.isRegularFile() ? SourceEntry.FILE : SPECIAL, a.size(), mode, a.lastModifiedTime().toInstant(), null);
    }
}
