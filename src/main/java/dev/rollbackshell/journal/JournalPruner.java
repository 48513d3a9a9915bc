package dev.rollbackshell.journal;

import dev.rollbackshell.backup.Trees;
import dev.rollbackshell.project.Clocks;
import dev.rollbackshell.project.ProjectLock;
import dev.rollbackshell.project.RollbackException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code journal prune}: the journal over time (docs/restore.md, "The journal over time").
 * Keeps the newest entries and removes the older ones, never one that was interrupted and is
 * still in effect (its before-images are the only way back). An entry is removed by renaming
 * its folder to {@code .pruned-<name>} first, so no reader ever sees half an entry; the
 * renamed folder is then deleted, and a leftover of a killed prune is swept by the next one.
 */
public final class JournalPruner {

    static final String PRUNED_PREFIX = ".pruned-";

    private final Journal journal;
    private final Consumer<String> warn;

    /** An old entry prune leaves, and why. */
    public record Held(int seq, String why) {
    }

    /** What a prune removes and leaves; {@code bytes}: the disk the removed entries use. */
    public record Plan(List<JournalEntry> remove, int kept, List<Held> held, long bytes) {
    }

    /** {@code journal prune --json}: the entries removed (or that would be, in a dry run), and the disk they used. */
    public record Pruned(boolean dryRun, List<Integer> removed, int kept, List<Held> held, long bytes) {
    }

    /** How much the journal holds: entries and bytes on disk (a file with several names counted once). */
    public record Usage(int entries, long bytes) {
    }

    public JournalPruner(Journal journal, Consumer<String> warn) {
        this.journal = journal;
        this.warn = warn;
    }

    /**
     * Which entries a prune removes: all but the newest {@code keep}, and with {@code olderThan} only
     * those made longer ago than that; never an interrupted entry still in effect.
     */
    public Plan plan(int keep, Duration olderThan) {
        if (keep < 0) {
            throw RollbackException.badInput("--keep must be 0 or more (how many of the newest journal entries to keep)");
        }
        List<JournalEntry> all = journal.list(); // oldest first
        Instant cutoff = olderThan == null ? null : Clocks.now().minus(olderThan);
        List<JournalEntry> remove = new ArrayList<>();
        List<Held> held = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < all.size() - keep; i++) {
            JournalEntry e = all.get(i);
            if (cutoff != null && e.createdAt() != null && !e.createdAt().isBefore(cutoff)) {
                continue;
            }
            if (JournalEntry.INTERRUPTED.equals(e.status()) && e.effective()) {
                held.add(new Held(e.seq(), "interrupted and still in effect: 'undo' reverts it exactly"
                        + " (then prune removes it)"));
                continue;
            }
            remove.add(e);
            bytes += usage(e.dir(), new HashSet<>());
        }
        return new Plan(List.copyOf(remove), all.size() - remove.size(), List.copyOf(held), bytes);
    }

    /** Removes what {@code plan} names, under the project lock; returns the numbers removed. */
    public List<Integer> execute(Plan plan) {
        List<Integer> removed = new ArrayList<>();
        try (ProjectLock lock = ProjectLock.acquire(journal.project(), "journal prune", warn)) {
            sweep();
            for (JournalEntry e : plan.remove()) {
                Path d = e.dir();
                if (!Files.isDirectory(d)) {
                    continue; // removed by another prune meanwhile
                }
                Path gone = d.resolveSibling(PRUNED_PREFIX + d.getFileName());
                try {
                    Files.move(d, gone, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException ex) {
                    warn.accept("journal entry " + e.seq() + " could not be removed (" + ex.getMessage() + "); it is kept");
                    continue;
                }
                removed.add(e.seq());
                Trees.deleteQuietly(gone);
            }
        }
        return removed;
    }

    /** The journal's entries and the disk they use. */
    public Usage usage() {
        Set<Object> seen = new HashSet<>();
        int entries = 0;
        long bytes = 0;
        for (Path d : journal.entryFolders()) { // the folders, not their entry.json: status works on a damaged journal too
            entries++;
            bytes += usage(d, seen);
        }
        return new Usage(entries, bytes);
    }

    private static long usage(Path dir, Set<Object> seen) {
        long[] total = {0};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
                    if (a.isRegularFile() && (a.fileKey() == null || seen.add(a.fileKey()))) {
                        total[0] += a.size();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // an entry that cannot be read counts what was read of it
        }
        return total[0];
    }

    /** Folders of a prune that was killed half-way: renamed already, so never an entry any more. */
    private void sweep() {
        if (!Files.isDirectory(journal.dir())) {
            return;
        }
        try (Stream<Path> kids = Files.list(journal.dir())) {
            kids.filter(p -> p.getFileName().toString().startsWith(PRUNED_PREFIX)).forEach(Trees::deleteQuietly);
        } catch (IOException e) {
            // leftovers only
        }
    }
}
