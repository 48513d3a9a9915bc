package dev.rollbackshell.journal;

import dev.rollbackshell.backup.Hashing;
import dev.rollbackshell.journal.EntryStore.Loaded;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.RollbackException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Undo and redo (docs/architecture.md, "The write path"): which entry each would revert, and the changes that
 * revert it, a new entry built from the target's before-states ({@link Applier#revert} applies them).
 */
final class Reverter {

    private final Project project;
    private final EntryStore store;

    /** What reverting an entry takes: the changes, the new entry's summary, the paths changed since the target. */
    record Plan(List<Change> changes, String summary, List<String> changedSince) {
    }

    Reverter(Project project, EntryStore store) {
        this.project = project;
        this.store = store;
    }

    /** The latest entry in effect that is not an undo. */
    Optional<Loaded> undoTarget() {
        List<Loaded> all = store.loadAll();
        for (int i = all.size() - 1; i >= 0; i--) {
            Loaded l = all.get(i);
            if (l.entry().effective() && !Journal.UNDO.equals(l.entry().kind())) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /** The latest undo, when nothing but undos happened since. */
    Optional<Loaded> redoTarget() {
        List<Loaded> all = store.loadAll();
        int lastOrdinary = all.stream().filter(l -> !l.entry().isRevert()).mapToInt(l -> l.entry().seq()).max().orElse(0);
        for (int i = all.size() - 1; i >= 0; i--) {
            JournalEntry e = all.get(i).entry();
            if (e.seq() > lastOrdinary && Journal.UNDO.equals(e.kind()) && e.effective() && !e.automatic()
                    && JournalEntry.COMPLETE.equals(e.status())) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * The changes that put every path the target touched back to what it was before the target, for a new
     * entry of {@code kind} (undo or redo). Works for complete, failed and interrupted entries alike: a path whose saved
     * content is still the project's own file (never replaced) is left as it is; a path the
     * target created is removed only when the target did create it.
     */
    Plan plan(Loaded target, String kind) {
        Map<String, Step> first = new LinkedHashMap<>();
        Map<String, Step> last = new HashMap<>();
        Map<String, List<Integer>> stepsOf = new HashMap<>();
        for (Step s : target.doc().steps()) {
            first.putIfAbsent(s.path(), s);
            last.put(s.path(), s);
            stepsOf.computeIfAbsent(s.path(), k -> new ArrayList<>()).add(s.i());
        }
        boolean complete = JournalEntry.COMPLETE.equals(target.doc().status());
        List<Change> removes = new ArrayList<>();
        List<Change> dirs = new ArrayList<>();
        List<Change> writes = new ArrayList<>();
        List<String> changedSince = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Step s : first.values()) {
            String path = s.path();
            PathState b = s.before();
            Path file = project.file(path);
            Planner.Node now = Planner.lstat(file);
            Path image = target.dir().resolve(EntryStore.BEFORE).resolve(String.valueOf(s.i()));
            boolean untouched = b.isFile() && sameFile(file, now, image);
            if (!untouched && changedSince(target, stepsOf.get(path), now, file)) {
                changedSince.add(path);
            }
            switch (b.type()) {
                case PathState.FILE -> {
                    if (untouched) {
                        continue; // still the very same file: the entry never replaced it (an edit made in place since is the user's)
                    }
                    if (!Files.exists(image, LinkOption.NOFOLLOW_LINKS)) {
                        if (target.staged()) {
                            missing.add(path); // every replaced file was saved before the first step: someone deleted it
                        }
                        continue; // the entry died while staging: the project was never touched
                    }
                    writes.add(new Change.Write(path, new SavedContent(image, b, target.entry().seq()), b.mode(), b.mtime()));
                }
                case PathState.LINK -> {
                    if (!(PathState.LINK.equals(now.type()) && b.link().equals(now.link()))) {
                        writes.add(new Change.Link(path, b.link()));
                    }
                }
                case PathState.DIR -> dirs.add(new Change.Dir(path, b.mode()));
                default -> {
                    boolean didIt = complete || stepsOf.get(path).stream().anyMatch(target.done()::contains)
                            || !differs(now, last.get(path).after(), file);
                    if (didIt && !PathState.ABSENT.equals(now.type())) {
                        removes.add(new Change.Remove(path));
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            throw RollbackException.badInput("cannot undo #" + target.entry().seq() + ": the saved copies of "
                    + String.join(", ", missing) + " are missing from " + target.dir().resolve(EntryStore.BEFORE)
                    + "; nothing was changed and the entry stays in effect. Put those files back from a backup"
                    + " ('restore file PATH')");
        }
        removes.sort(Comparator.comparingInt((Change c) -> StepRunner.depth(c.path())).reversed().thenComparing(Change::path));
        dirs.sort(Comparator.comparingInt((Change c) -> StepRunner.depth(c.path())).thenComparing(Change::path));
        List<Change> changes = new ArrayList<>(removes);
        changes.addAll(dirs);
        changes.addAll(writes);
        String summary = Journal.REDO.equals(kind)
                ? "redo #" + target.doc().reverts() + ": " + target.doc().summary().replaceFirst("^undo #\\d+: ", "")
                : "undo #" + target.entry().seq() + ": " + target.doc().summary();
        return new Plan(changes, summary, changedSince);
    }

    /** True when the project path is not what the step left there. */
    private static boolean differs(Planner.Node now, PathState after, Path file) {
        if (!after.type().equals(now.type())) {
            return true;
        }
        if (after.isLink()) {
            return !after.link().equals(now.link());
        }
        if (!after.isFile()) {
            return false;
        }
        if (after.size() == null || after.size() != now.size() || after.sha256() == null) {
            return true;
        }
        try {
            return !after.sha256().equals(Hashing.sha256(file));
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * True when the project path is the before-image itself (one inode, two names): the entry
     * never replaced it. Edits made in place since then are the user's, not the entry's.
     */
    private static boolean sameFile(Path file, Planner.Node now, Path image) {
        try {
            return PathState.FILE.equals(now.type()) && Files.exists(image, LinkOption.NOFOLLOW_LINKS)
                    && Files.isSameFile(file, image);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * True when the path is not what the target left there, so undo overwrites someone's later
     * work. For an interrupted target, "what it left" is the state after its last step done
     * on that path (or the next one, torn between doing it and logging it), or the state
     * before its first one when none was done.
     */
    private static boolean changedSince(Loaded target, List<Integer> stepIdx, Planner.Node now, Path file) {
        List<Step> all = target.doc().steps();
        if (JournalEntry.COMPLETE.equals(target.doc().status())) {
            return differs(now, all.get(stepIdx.get(stepIdx.size() - 1)).after(), file);
        }
        int lastDone = -1;
        for (int k = 0; k < stepIdx.size(); k++) {
            if (target.done().contains(stepIdx.get(k))) {
                lastDone = k;
            }
        }
        if (lastDone >= 0 && !differs(now, all.get(stepIdx.get(lastDone)).after(), file)) {
            return false;
        }
        if (lastDone + 1 < stepIdx.size() && !differs(now, all.get(stepIdx.get(lastDone + 1)).after(), file)) {
            return false; // done, but killed before it was logged
        }
        if (lastDone >= 0) {
            return true;
        }
        PathState b = all.get(stepIdx.get(0)).before();
        return switch (b.type()) {
            case PathState.ABSENT -> false; // made since by someone else: undo leaves it
            case PathState.DIR -> !PathState.DIR.equals(now.type());
            case PathState.LINK -> !(PathState.LINK.equals(now.type()) && b.link().equals(now.link()));
            default -> !(PathState.FILE.equals(now.type()) && now.size() == b.size() && Objects.equals(now.mtime(), b.mtime()));
        };
    }

    /** A project file's earlier content, kept in a journal entry. */
    private record SavedContent(Path image, PathState state, int seq) implements Content {
        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(image);
        }

        @Override
        public long size() {
            return state.size() == null ? -1 : state.size();
        }

        @Override
        public String sha256() {
            return state.sha256(); // known for copies; a link's content is its only name, checked by size
        }

        @Override
        public String origin() {
            return "journal entry " + seq;
        }
    }
}
