package dev.rollbackshell.restore;

import dev.rollbackshell.journal.Change;
import dev.rollbackshell.journal.Journal;
import dev.rollbackshell.project.Globs;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.restore.RestoreReport.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * {@code clean}: removes generated files (the plan's patterns, by default {@code *.pyc}
 * and {@code __pycache__}) inside the protected folders only, through the journal, so a
 * clean can be undone like a restore.
 */
public final class Cleaner {

    public static final String KIND = "clean";

    private final Project project;
    private final Journal journal;

    public Cleaner(Project project, Journal journal) {
        this.project = project;
        this.journal = journal;
    }

    /**
     * What {@code clean} removed, or would remove.
     *
     * @param removed files, links and folders matching a pattern (a matching folder is given
     *                once, its files counted in {@code files} and {@code bytes})
     * @param files   files and links removed
     * @param journal the journal entry ({@code undo} reverts it), null when nothing was removed
     */
    public record CleanReport(List<String> patterns, List<String> folders, boolean dryRun, List<Item> removed, int files,
            long bytes, Integer journal) {
    }

    public CleanReport clean(List<String> folders, List<String> patterns, boolean dryRun) {
        Globs globs = new Globs(patterns);
        List<Item> removed = new ArrayList<>();
        List<String> scanned = new ArrayList<>();
        int files = 0;
        long bytes = 0;
        for (String folder : folders) {
            String f = project.relativize(folder);
            scanned.add(f);
            TreeMap<String, ProjectTree.Item> items = ProjectTree.scan(project, f);
            String inside = null; // the matching folder being removed whole
            for (ProjectTree.Item it : items.values()) {
                if (inside != null && Paths.within(it.path(), inside)) {
                    if (!it.isDir()) {
                        files++;
                        bytes += it.isFile() ? it.size() : 0;
                    }
                    continue;
                }
                inside = null;
                if (it.path().equals(f) || it.isSpecial() || !globs.matchesItself(it.path())) {
                    continue;
                }
                removed.add(new Item(it.path(), it.type(), it.isFile() ? it.size() : 0, "generated"));
                if (it.isDir()) {
                    inside = it.path();
                } else {
                    files++;
                    bytes += it.isFile() ? it.size() : 0;
                }
            }
        }
        Integer seq = null;
        if (!dryRun && !removed.isEmpty()) {
            List<Change> changes = new ArrayList<>();
            for (Item i : removed) {
                changes.add(new Change.Remove(i.path()));
            }
            Journal.Applied a = journal.apply(KIND, "clean " + files + " generated files (" + String.join(", ", patterns)
                    + ") in " + String.join(", ", scanned), changes);
            seq = a.entry() == null ? null : a.entry().seq();
        }
        return new CleanReport(List.copyOf(patterns), scanned, dryRun, removed, files, bytes, seq);
    }
}
