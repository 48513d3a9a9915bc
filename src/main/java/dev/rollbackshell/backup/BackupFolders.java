package dev.rollbackshell.backup;

import dev.rollbackshell.project.AtomicFiles;
import dev.rollbackshell.project.Failures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A new backup's folder in {@code redundancy_reduction_backups/}, for {@link BackupService}:
 * its id reserved by creating the id's folder atomically ({@code _2}, {@code _3} for a
 * second one in the same second), its manifest written read-only, the finished folder
 * published onto the id in one rename (the manifest rewritten for the next free id when
 * someone filled it meanwhile), an unfinished one discarded, and the leftovers of runs that
 * died swept (docs/backups.md, "On disk").
 */
final class BackupFolders {

    private final Consumer<String> warn;

    BackupFolders(Consumer<String> warn) {
        this.warn = warn;
    }

    /** Creates the id's folder atomically: the first free one of {@code base}, {@code base_2}, ... */
    static String reserveId(Path root, String base) throws IOException {
        for (int n = 1; n < 10_000; n++) {
            String id = n == 1 ? base : base + "_" + n;
            try {
                Files.createDirectory(root.resolve(id));
                return id;
            } catch (FileAlreadyExistsException e) {
                // taken this second: try the next suffix
            }
        }
        throw new IOException("no free backup id for " + base);
    }

    static void writeManifest(Path dir, Manifest manifest) throws IOException {
        Path file = dir.resolve(BackupLayout.MANIFEST);
        AtomicFiles.write(file, ManifestCodec.write(manifest));
        file.toFile().setWritable(false, false);
    }

    /**
     * Renames the finished backup onto its reserved (empty) id folder in one step. When
     * someone filled that folder meanwhile (a hand-made backup in the same second), the
     * next free id is taken and the manifest rewritten for it.
     */
    Manifest publish(Path tmp, Path root, Manifest manifest) throws IOException {
        Manifest current = manifest;
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                Files.move(tmp, root.resolve(current.id()), StandardCopyOption.ATOMIC_MOVE);
                return current;
            } catch (IOException e) {
                if (!Files.isDirectory(tmp) || isEmptyDir(root.resolve(current.id()))) {
                    throw e;
                }
                String next = reserveId(root, manifest.id().substring(0, 15));
                current = new Manifest(manifest.version(), next, manifest.createdAt(), manifest.phase(),
                        manifest.message(), manifest.madeBy(), manifest.folders(), manifest.skipped(),
                        manifest.gitRef(), manifest.gitCommit(), manifest.newBytes(), manifest.entries(),
                        manifest.notCopied());
                Files.deleteIfExists(tmp.resolve(BackupLayout.MANIFEST));
                writeManifest(tmp, current);
            }
        }
        throw new IOException("could not publish the backup under any id");
    }

    /** Removes what an unfinished backup left: its folder and its reserved, still empty id. */
    void discard(Path tmp, Path reserved) {
        try {
            Trees.deleteRecursively(tmp);
            if (isEmptyDir(reserved)) {
                Files.deleteIfExists(reserved);
            }
        } catch (IOException | UncheckedIOException e) {
            warn.accept("could not remove the unfinished backup " + tmp + " (" + Failures.describe(e)
                    + "); it is never listed; delete it by hand");
        }
    }

    /**
     * Removes folders left by runs that died (an unfinished backup, a half-deleted one).
     * Safe under the project lock: every run that makes such folders holds it.
     */
    void removeLeftovers(Path root) throws IOException {
        long me = ProcessHandle.current().pid();
        List<Path> leftovers;
        try (Stream<Path> s = Files.list(root)) {
            leftovers = s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(BackupLayout.IN_PROGRESS_PREFIX) || n.startsWith(Trees.DELETING_PREFIX);
            }).toList();
        }
        for (Path p : leftovers) {
            String n = p.getFileName().toString();
            long pid = pidOf(n);
            if (pid == me || (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))) {
                continue;
            }
            try {
                Trees.deleteRecursively(p);
                if (n.startsWith(BackupLayout.IN_PROGRESS_PREFIX)) {
                    String id = n.substring(BackupLayout.IN_PROGRESS_PREFIX.length(), n.lastIndexOf('-'));
                    Path reserved = root.resolve(id);
                    if (BackupLayout.isBackupId(id) && isEmptyDir(reserved)) {
                        Files.deleteIfExists(reserved);
                    }
                }
                warn.accept("removed " + n + ", left by a run that did not finish (it was never a usable backup)");
            } catch (IOException | UncheckedIOException e) {
                warn.accept("could not remove " + p + ", left by a run that did not finish: " + Failures.describe(e));
            }
        }
    }

    private static long pidOf(String name) {
        try {
            return Long.parseLong(name.substring(name.lastIndexOf('-') + 1));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static boolean isEmptyDir(Path p) {
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
