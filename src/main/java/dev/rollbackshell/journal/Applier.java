package dev.rollbackshell.journal;

import dev.rollbackshell.backup.Trees;
import dev.rollbackshell.journal.EntryStore.Loaded;
import dev.rollbackshell.journal.Journal.Applied;
import dev.rollbackshell.journal.Journal.Hook;
import dev.rollbackshell.project.Clocks;
import dev.rollbackshell.project.Failures;
import dev.rollbackshell.project.Interruption;
import dev.rollbackshell.project.Meter;
import dev.rollbackshell.project.Pause;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.ProjectLock;
import dev.rollbackshell.project.RollbackException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The apply protocol (docs/architecture.md, "The write path"): one entry written {@code prepared}, its contents
 * staged ({@code staged}), its steps done and logged in {@code done} ({@code complete}); a step that fails marks
 * the entry {@code failed} and puts back what it had done. Undo and redo go through it as entries of their own.
 */
final class Applier {

    /** For crash tests of the real launcher: a pause before each step ({@code -Drollback.journal.stepDelayMillis}). */
    private static final long STEP_DELAY = Pause.property("rollback.journal.stepDelayMillis");

    private final Project project;
    private final Consumer<String> warn;
    private final EntryStore store;
    private final Staging staging;
    private final StepRunner runner;
    private final Reverter reverter;
    /** Counts the files staged by the apply in progress, when one asked for it. */
    private volatile Meter.Task meter;
    private Hook hook = Hook.NONE;

    Applier(Project project, Consumer<String> warn, EntryStore store, Reverter reverter) {
        this.project = project;
        this.warn = warn;
        this.store = store;
        this.staging = new Staging(project, store.dir());
        this.runner = new StepRunner(project);
        this.reverter = reverter;
    }

    void hook(Hook h) {
        this.hook = h;
    }

    void meter(Meter.Task m) {
        this.meter = m;
    }

    /** One entry making the paths what the changes say; {@code reverts}: the entry an undo or redo reverts. */
    Applied apply(String kind, String summary, List<Change> changes, Integer reverts, boolean automatic) {
        // Ctrl-C never leaves an entry half-applied: it takes effect once the entry is complete
        return Interruption.atomically(() -> applyNow(kind, summary, changes, reverts, automatic));
    }

    private Applied applyNow(String kind, String summary, List<Change> changes, Integer reverts, boolean automatic) {
        try (ProjectLock lock = ProjectLock.acquire(project, kind, warn)) {
            store.sweep();
            Planner planner = new Planner(project);
            for (Change c : changes) {
                planner.add(c);
            }
            List<Step> steps = planner.steps();
            if (steps.isEmpty() && reverts == null) {
                return Applied.nothing();
            }
            staging.requireSpace(kind, steps, planner.contents());
            Instant now = Clocks.now();
            int seq = store.nextSeq();
            Path entryDir = store.entryDir(seq, now, kind);
            EntryDoc doc = new EntryDoc(EntryDoc.VERSION, seq, kind, summary, now, EntryDoc.PREPARED, reverts, automatic, null, steps);
            try {
                Files.createDirectories(entryDir.resolve(EntryStore.BEFORE));
                Files.createDirectories(entryDir.resolve(EntryStore.NEW));
                EntryStore.writeDoc(entryDir, doc, false);
            } catch (IOException e) {
                Trees.deleteQuietly(entryDir);
                throw RollbackException.problem("cannot write the journal in " + store.dir() + " (" + e.getMessage()
                        + "); nothing was changed");
            }
            try {
                List<Path> toFlush = new ArrayList<>();
                steps = staging.stage(entryDir, steps, planner.contents(), toFlush, meter);
                doc = doc.with(EntryDoc.STAGED, null, steps);
                EntryStore.writeDoc(entryDir, doc, false);
                // one round of flushes, side by side: staged contents, saved files, the entry's state and folders
                toFlush.add(entryDir.resolve(EntryStore.ENTRY));
                toFlush.add(entryDir);
                toFlush.add(store.dir());
                Flush.all(toFlush);
            } catch (RollbackException e) {
                Trees.deleteQuietly(entryDir);
                throw e;
            } catch (IOException | RuntimeException e) {
                Trees.deleteQuietly(entryDir);
                throw RollbackException.problem("cannot prepare the change (" + Failures.describe(e) + "); nothing was changed", e);
            }
            hook.staged(entryDir);
            Step current = null;
            try (FileChannel done = FileChannel.open(entryDir.resolve(EntryStore.DONE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                for (Step s : steps) {
                    current = s;
                    Pause.of(STEP_DELAY);
                    hook.beforeStep(s);
                    runner.execute(entryDir, seq, s);
                    done.write(ByteBuffer.wrap((s.i() + "\n").getBytes(StandardCharsets.US_ASCII)));
                }
                current = null;
                runner.applyDirModes(steps);
            } catch (IOException | RuntimeException e) {
                return failed(entryDir, doc, current, e);
            }
            doc = doc.with(JournalEntry.COMPLETE, null, steps);
            try {
                EntryStore.writeDoc(entryDir, doc, false);
            } catch (IOException e) {
                warn.accept("journal entry " + seq + " is done but its state could not be saved: " + e.getMessage());
            }
            return applied(store.load(entryDir), steps, List.of());
        }
    }

    /** A step failed: the entry is marked failed and what it had done is put back. */
    private Applied failed(Path entryDir, EntryDoc doc, Step at, Exception e) {
        String where = at == null ? "" : " at " + at.path();
        String why = Failures.describe(e);
        try {
            EntryStore.writeDoc(entryDir, doc.with(JournalEntry.FAILED, why, doc.steps()), true);
        } catch (IOException io) {
            // the entry stays "staged": undo treats it as interrupted, which is just as exact
        }
        try {
            revert(store.load(entryDir), Journal.UNDO, true);
        } catch (RuntimeException again) {
            throw RollbackException.problem(doc.kind() + " stopped" + where + " (" + why
                    + ") and putting back its changes failed too (" + Failures.describe(again)
                    + "); run 'undo' to put the project back as it was", e);
        }
        throw RollbackException.problem(doc.kind() + " stopped" + where + " (" + why
                + "); the changes it had made were put back, so nothing changed", e);
    }

    /**
     * Reverts the target as a new entry of {@code kind} (undo or redo); {@code automatic}: the undo of a failed
     * entry, which redo does not take back.
     */
    Applied revert(Loaded target, String kind, boolean automatic) {
        return Interruption.atomically(() -> revertNow(target, kind, automatic));
    }

    private Applied revertNow(Loaded target, String kind, boolean automatic) {
        boolean complete = JournalEntry.COMPLETE.equals(target.doc().status());
        Reverter.Plan plan = reverter.plan(target, kind);
        Applied a = apply(kind, plan.summary(), plan.changes(), target.entry().seq(), automatic);
        if (!complete) {
            Trees.deleteQuietly(target.dir().resolve(EntryStore.NEW)); // staged contents of an interrupted entry are of no use now
        }
        return new Applied(a.entry(), a.written(), a.removed(), a.bytesWritten(), plan.changedSince());
    }

    private Applied applied(Loaded l, List<Step> steps, List<String> changedSince) {
        long bytes = 0;
        for (Step s : steps) {
            if (Step.PUT.equals(s.op()) && s.after().size() != null) {
                bytes += s.after().size();
            }
        }
        return new Applied(l.entry(), l.entry().written(), l.entry().removed(), bytes, changedSince);
    }
}
