package dev.rollbackshell.backup;

import dev.rollbackshell.project.Failures;
import dev.rollbackshell.project.RollbackException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code backup prune --keep N}: deletes all but the newest N backups, and never the
 * selected backup nor the newest complete one. Backups share unchanged files through
 * hard links, so deleting one frees only the bytes no kept backup (nor anything else)
 * still links to; the plan says exactly that. A backup is renamed out of the listing
 * before its files are deleted, so a half-deleted backup is never offered for use.
 */
public final class BackupPruner {

    /**
     * What a prune would do.
     *
     * @param delete     backups to delete, oldest first
     * @param keep       backups kept, each with why ("newest 3", "selected", "newest complete")
     * @param freedBytes bytes really freed: content no kept backup shares
     * @param totalBytes bytes of all files in the deleted backups, shared or not
     */
    public record Plan(List<Backup> delete, Map<String, String> keep, long freedBytes, long totalBytes) {
    }

    private final BackupStore store;

    public BackupPruner(BackupStore store) {
        this.store = store;
    }

    public Plan plan(int keepNewest, String selectedId) {
        return plan(keepNewest, selectedId, Map.of());
    }

    /**
     * The plan, also keeping {@code alsoKeep} (backup id to why), such as the backups no
     * remote holds a copy of.
     */
    public Plan plan(int keepNewest, String selectedId, Map<String, String> alsoKeep) {
        if (keepNewest < 1) {
            throw RollbackException.badInput("--keep must be 1 or more (how many of the newest backups to keep), not "
                    + keepNewest);
        }
        List<Backup> all = store.list();
        Map<String, String> keep = new LinkedHashMap<>();
        for (int i = Math.max(0, all.size() - keepNewest); i < all.size(); i++) {
            keep.put(all.get(i).id(), "one of the newest " + keepNewest);
        }
        store.latest().ifPresent(b -> keep.merge(b.id(), "the newest complete backup", (a, c) -> a + "; " + c));
        if (selectedId != null) {
            keep.merge(selectedId, "selected", (a, c) -> a + "; " + c);
        }
        alsoKeep.forEach((id, why) -> {
            if (all.stream().anyMatch(b -> b.id().equals(id))) {
                keep.merge(id, why, (a, c) -> a + "; " + c);
            }
        });
        List<Backup> delete = all.stream().filter(b -> !keep.containsKey(b.id())).toList();
        long[] sizes = space(delete);
        return new Plan(delete, keep, sizes[0], sizes[1]);
    }

    /** Deletes the plan's backups; returns the ids deleted. */
    public List<String> execute(Plan plan) {
        List<String> done = new ArrayList<>();
        long pid = ProcessHandle.current().pid();
        for (Backup b : plan.delete()) {
            Path gone = b.dir().resolveSibling(Trees.DELETING_PREFIX + b.id() + "-" + pid);
            try {
                Files.move(b.dir(), gone, StandardCopyOption.ATOMIC_MOVE);
                Trees.deleteRecursively(gone);
                Files.deleteIfExists(store.project().state("manifests").resolve(b.id() + ".json"));
                done.add(b.id());
            } catch (IOException | UncheckedIOException e) {
                throw RollbackException.problem("could not delete backup " + b.id() + " (" + Failures.describe(e)
                        + ")" + (done.isEmpty() ? "" : " after deleting " + String.join(", ", done))
                        + "; the backups not yet deleted are untouched", e);
            }
        }
        return done;
    }

    /**
     * {freed, total}: a file's bytes are freed when every link to it is among the backups
     * deleted (link count from the file system); shared ones stay on disk.
     */
    private static long[] space(List<Backup> delete) {
        Map<Object, long[]> inodes = new HashMap<>(); // key -> {size, links seen, link count}
        long[] total = {0};
        for (Backup b : delete) {
            try {
                Files.walkFileTree(b.dir(), new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (!attrs.isRegularFile()) {
                            return FileVisitResult.CONTINUE;
                        }
                        total[0] += attrs.size();
                        Object key = attrs.fileKey() == null ? file : attrs.fileKey();
                        long[] seen = inodes.computeIfAbsent(key, k -> new long[] {attrs.size(), 0, links(file)});
                        seen[1]++;
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException exc) {
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                // counted what could be read
            }
        }
        long freed = 0;
        for (long[] s : inodes.values()) {
            if (s[1] >= s[2]) {
                freed += s[0];
            }
        }
        return new long[] {freed, total[0]};
    }

    private static long links(Path file) {
        try {
            Object n = Files.getAttribute(file, "unix:nlink", java.nio.file.LinkOption.NOFOLLOW_LINKS);
            return ((Number) n).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return 1; // no link counts here: every file counts as freed
        }
    }
}
