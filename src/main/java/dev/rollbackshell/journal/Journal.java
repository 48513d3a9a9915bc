package dev.rollbackshell.journal;

import dev.rollbackshell.journal.EntryStore.Loaded;
import dev.rollbackshell.project.Meter;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.ProjectLock;
import dev.rollbackshell.project.RollbackException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one place every change to the project's files goes through (docs/architecture.md, "The write path"). Each call
 * of {@link #apply} is one journal entry, {@code .rollback/journal/<seq>-<time>-<kind>/}:
 *
 * <ol>
 * <li>{@code entry.json} is written with every planned step and what each path was
 *     (status {@code prepared});</li>
 * <li>every new content is copied into {@code new/<i>} (checked against its expected
 *     SHA-256, flushed to disk), and every project file about to be replaced or removed is
 *     kept as {@code before/<i>}: a hard link, since the project file is then renamed over
 *     or deleted and the journal keeps the only name of that old content (a copy where
 *     links are not possible). Status {@code staged}. A damaged content stops everything
 *     here, before the project is touched;</li>
 * <li>the steps are done in order, each one atomic (a staged file is renamed over its
 *     target), and each logged in {@code done}. Status {@code complete}.</li>
 * </ol>
 *
 * <p>A kill at any moment leaves every file either as it was or fully written, and
 * {@link #undo()} puts back exactly what was there before, whatever the entry's state.
 * Undo is itself an entry (so it can be redone), and can be repeated down the list.
 *
 * <p>This class is the journal's face; the work is done by its parts (docs/architecture.md, "The journal's
 * parts"): {@link Applier} (the protocol), {@link Staging} and {@link StepRunner} (the files), {@link Reverter}
 * (undo and redo) and {@link EntryStore} (the entries on disk).
 */
public final class Journal {

    public static final String UNDO = "undo";
    public static final String REDO = "redo";

    private final Project project;
    private final Consumer<String> warn;
    private final EntryStore store;
    private final Reverter reverter;
    private final Applier applier;

    /** What one apply, undo or redo did. {@code entry} is null when there was nothing to do. */
    public record Applied(JournalEntry entry, int written, int removed, long bytesWritten, List<String> changedSince) {

        static Applied nothing() {
            return new Applied(null, 0, 0, 0, List.of());
        }

        public boolean changedNothing() {
            return entry == null || entry.steps() == 0;
        }
    }

    /** Test hooks: called before each step is done, and once everything is staged. */
    interface Hook {
        Hook NONE = new Hook() {
        };

        default void staged(Path entryDir) {
        }

        default void beforeStep(Step step) {
        }
    }

    public Journal(Project project, Consumer<String> warn) {
        this.project = project;
        this.warn = warn;
        this.store = new EntryStore(project);
        this.reverter = new Reverter(project, store);
        this.applier = new Applier(project, warn, store, reverter);
    }

    void hook(Hook h) {
        applier.hook(h);
    }

    public Path dir() {
        return store.dir();
    }

    public Project project() {
        return project;
    }

    /**
     * Makes the project paths what the changes say, as one journal entry. Returns
     * {@link Applied#nothing()} when every path already is what it must be.
     */
    public Applied apply(String kind, String summary, List<Change> changes) {
        return applier.apply(kind, summary, changes, null, false);
    }

    /**
     * The same, counting each staged file and its bytes on {@code meter} (the progress of
     * {@code restore all}).
     */
    public Applied apply(String kind, String summary, List<Change> changes, Meter.Task meter) {
        applier.meter(meter);
        try {
            return applier.apply(kind, summary, changes, null, false);
        } finally {
            applier.meter(null);
        }
    }

    /** Reverts the latest entry in effect (not an undo): puts back what each path was before it. */
    public Applied undo() {
        try (ProjectLock lock = ProjectLock.acquire(project, "undo", warn)) {
            Loaded target = reverter.undoTarget().orElseThrow(() -> RollbackException.badInput(
                    "nothing to undo: no restore or clean in the journal is still in effect ('undo --list' shows the journal)"));
            return applier.revert(target, UNDO, false);
        }
    }

    /** Reverts the latest undo, when nothing but undos happened since. */
    public Applied redo() {
        try (ProjectLock lock = ProjectLock.acquire(project, "redo", warn)) {
            Loaded target = reverter.redoTarget().orElseThrow(() -> RollbackException.badInput(
                    "nothing to redo: no undo since the last restore or clean ('undo --list' shows the journal)"));
            return applier.revert(target, REDO, false);
        }
    }

    /** The entry {@link #undo()} would revert. */
    public Optional<JournalEntry> nextUndo() {
        return reverter.undoTarget().map(Loaded::entry);
    }

    /** The entry {@link #redo()} would revert. */
    public Optional<JournalEntry> nextRedo() {
        return reverter.redoTarget().map(Loaded::entry);
    }

    /** Every entry, oldest first. */
    public List<JournalEntry> list() {
        return store.loadAll().stream().map(Loaded::entry).toList();
    }

    /** The newest entry, if it was interrupted (the process died while it ran). */
    public Optional<JournalEntry> interrupted() {
        return store.interrupted();
    }

    /** The folders of the journal's entries, oldest first (for {@link JournalPruner}'s disk usage). */
    List<Path> entryFolders() {
        return store.entryDirs();
    }
}
