package dev.rollbackshell.backup;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Walks a folder without following symbolic links and describes what it holds as
 * manifest entries, with project-relative paths under {@code prefix}.
 */
public final class TreeScanner {

    private TreeScanner() {
    }

    /** Entries for everything under {@code folder}; files are hashed when {@code hash} is true. */
    public static List<ManifestEntry> scan(Path folder, String prefix, boolean hash) throws IOException {
        List<ManifestEntry> out = new ArrayList<>();
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        // one stat per entry: the walk's own attributes give the mode, and a folder is empty
        // when the walk met nothing in it (no second listing of each folder)
        Deque<Object[]> open = new ArrayDeque<>(); // {folder, its attributes, children seen}
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                seen();
                open.push(new Object[] {dir, attrs, Boolean.FALSE});
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Object[] top = open.pop();
                if (exc != null) {
                    throw exc;
                }
                if (!dir.equals(folder) && top[2] == Boolean.FALSE) {
                    out.add(entry(dir, ManifestEntry.DIR, (BasicFileAttributes) top[1], null, null));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                throw exc;
            }

            private void seen() {
                if (!open.isEmpty()) {
                    open.peek()[2] = Boolean.TRUE;
                }
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                seen();
                if (attrs.isSymbolicLink()) {
                    out.add(entry(file, ManifestEntry.LINK, attrs, null, Files.readSymbolicLink(file).toString()));
                } else if (attrs.isRegularFile()) {
                    out.add(entry(file, ManifestEntry.FILE, attrs, hash ? Hashing.sha256(file) : null, null));
                }
                return FileVisitResult.CONTINUE;
            }

            private ManifestEntry entry(Path p, String type, BasicFileAttributes attrs, String sha, String link)
                    throws IOException {
                String rel = folder.relativize(p).toString().replace('\\', '/');
                String path = prefix.isEmpty() ? rel : prefix + "/" + rel;
                long size = type.equals(ManifestEntry.FILE) ? attrs.size() : 0;
                String mode = attrs.isSymbolicLink() ? null : mode(p);
                return new ManifestEntry(path, type, size, mode, attrs.lastModifiedTime().toMillis(), sha, link);
            }
        });
        out.sort((a, b) -> a.path().compareTo(b.path()));
        return out;
    }

    /** POSIX permissions as {@code rw-r--r--}, or null where the file system has none. */
    public static String mode(Path p) {
        try { // one stat
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isSymbolicLink() ? null : PosixFilePermissions.toString(a.permissions());
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }
}
