package dev.rollbackshell.backup;

import dev.rollbackshell.project.Failures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One hash that changes whenever the content of a set of folders may have changed: the
 * key of the check-result cache and the way the session tells whether a diagnosis or a
 * verification still describes the tree as it is now (docs/architecture.md, "Tree
 * fingerprints").
 *
 * <p>Like git's index it trusts file metadata instead of reading every file: path, type,
 * size, modification time, inode and mode. Not the status-change time (ctime), as git
 * with {@code core.trustctime=false}: making or removing a hard link moves it, and the
 * scratch copies that prove suggestions hard-link the project's files, so with it every
 * proof made the project look changed (docs/architecture.md, "Tree fingerprints").
 * A file whose modification time is too close to now to be trusted (a second edit within
 * the clock's granularity would not move it) is hashed as well ("racy", git's rule, within
 * the file system's window: {@link RacyWindow}). Paths that {@code ignore} accepts
 * (generated files such as {@code __pycache__/}, which running the checks itself writes)
 * do not count.
 *
 * <p>The walk is iterative ({@link Files#walkFileTree} keeps its own stack), never follows
 * symbolic links, and hashes each link's target text.
 */
public record TreeFingerprint(String sha256, int files, long bytes) {

    /**
     * The fingerprint of {@code folders} (project-relative) under {@code root}. A folder
     * that does not exist counts as absent, which differs from an empty one.
     *
     * @param ignore project-relative paths (forward slashes) to leave out, with their contents
     */
    public static TreeFingerprint of(Path root, List<String> folders, Predicate<String> ignore) {
        return of(root, folders, ignore, System.currentTimeMillis());
    }

    /**
     * The same, with the files racy as of {@code nowMillis} rather than of now: two
     * fingerprints taken with the same reference time are equal exactly when nothing
     * changed in between (the check cache uses it to tell whether the checks changed the
     * tree they ran on, see docs/plan.md, "Nothing checked twice").
     */
    public static TreeFingerprint of(Path root, List<String> folders, Predicate<String> ignore, long nowMillis) {
        MessageDigest md = Hashing.sha256();
        long now = nowMillis * 1_000_000L;
        long racy = RacyWindow.millis(root) * 1_000_000L; // times this close to now cannot tell a later edit apart
        int[] files = {0};
        long[] bytes = {0};
        try {
            for (String folder : folders) {
                Path top = root.resolve(folder);
                if (!Files.exists(top, LinkOption.NOFOLLOW_LINKS)) {
                    update(md, "absent", folder);
                    continue;
                }
                List<String> lines = new ArrayList<>();
                Files.walkFileTree(top, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                        String rel = relative(root, dir);
                        if (!dir.equals(top) && ignore.test(rel)) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        lines.add("d " + rel + " " + describe(dir));
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        String rel = relative(root, file);
                        if (ignore.test(rel)) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (attrs.isSymbolicLink()) {
                            lines.add("l " + rel + " -> " + Files.readSymbolicLink(file));
                            return FileVisitResult.CONTINUE;
                        }
                        Map<String, Object> unix = unix(file);
                        StringBuilder line = new StringBuilder(attrs.isRegularFile() ? "f " : "o ")
                                .append(rel).append(' ').append(attrs.size())
                                .append(' ').append(nanos(attrs.lastModifiedTime()))
                                .append(' ').append(unix.get("ino"))
                                .append(' ').append(unix.get("mode"));
                        if (attrs.isRegularFile()) {
                            files[0]++;
                            bytes[0] += attrs.size();
                            if (now - nanos(attrs.lastModifiedTime()) < racy) {
                                line.append(' ').append(contentHash(file));
                            }
                        }
                        lines.add(line.toString());
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        lines.add("! " + relative(root, file) + " " + e.getClass().getSimpleName());
                        return FileVisitResult.CONTINUE;
                    }
                });
                lines.sort(null);
                for (String line : lines) {
                    update(md, line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the project's files: " + Failures.describe(e), e);
        }
        return new TreeFingerprint(Hashing.hex(md.digest()), files[0], bytes[0]);
    }

    /** The first 12 hex digits, for humans. */
    public String shortHash() {
        return sha256.substring(0, 12);
    }

    private static String describe(Path dir) throws IOException {
        Map<String, Object> unix = unix(dir);
        return String.valueOf(unix.get("mode"));
    }

    private static Map<String, Object> unix(Path p) throws IOException {
        try {
            return Files.readAttributes(p, "unix:ino,mode", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return Map.of();
        }
    }

    private static long nanos(Object fileTime) {
        java.nio.file.attribute.FileTime t = (java.nio.file.attribute.FileTime) fileTime;
        return t.to(java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private static String relative(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    private static String contentHash(Path file) {
        try {
            return Hashing.sha256(file);
        } catch (IOException e) {
            return "unreadable";
        }
    }

    private static void update(MessageDigest md, String... parts) {
        for (String part : parts) {
            md.update(part.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
        }
        md.update((byte) '\n');
    }
}
