package dev.rollbackshell.backup;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
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
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(folder)) {
                    try (var children = Files.list(dir)) {
                        if (children.findAny().isEmpty()) {
                            out.add(entry(dir, ManifestEntry.DIR, attrs, null, null));
                        }
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
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
                return new ManifestEntry(path, type, size, mode(p), attrs.lastModifiedTime().toMillis(), sha, link);
            }
        });
        out.sort((a, b) -> a.path().compareTo(b.path()));
        return out;
    }

    /** POSIX permissions as {@code rw-r--r--}, or null where the file system has none. */
    public static String mode(Path p) {
        try {
            if (Files.isSymbolicLink(p)) {
                return null;
            }
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }
}
