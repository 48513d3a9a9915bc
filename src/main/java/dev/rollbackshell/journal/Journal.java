package dev.rollbackshell.journal;

import dev.rollbackshell.project.Clocks;
import dev.rollbackshell.backup.Hashing;
import dev.rollbackshell.backup.Trees;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.project.Failures;
import dev.rollbackshell.project.FreeSpace;
import dev.rollbackshell.project.Interruption;
import dev.rollbackshell.project.Meter;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.ProjectLock;
import dev.rollbackshell.project.RollbackException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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
 */
public final class Journal {

    public static final String UNDO = "undo";
    public static final String REDO = "redo";

    static final String ENTRY = "entry.json";
    static final String DONE = "done";
    static final String BEFORE = "before";
    static final String NEW = "new";
    static final String PREPARED = "prepared";
    static final String STAGED = "staged";

    private static final Pattern ENTRY_DIR = Pattern.compile("(\\d+)-.*");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneId.systemDefault());
    /** For crash tests of the real launcher: a pause before each step ({@code -Drollback.journal.stepDelayMillis}). */
    private static final long STEP_DELAY = Long.getLong("rollback.journal.stepDelayMillis", 0);

    private final Project project;
    private final Consumer<String> warn;
    /** Counts the files staged by the apply in progress, when one asked for it. */
    private volatile Meter.Task meter;
    private final Path dir;
    private Hook hook = Hook.NONE;

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
        this.dir = project.state("journal");
    }

    void hook(Hook h) {
        this.hook = h;
    }

    public Path dir() {
        return dir;
    }

    public Project project() {
        return project;
    }

    // ------------------------------------------------------------------ apply

    /**
     * Makes the project paths what the changes say, as one journal entry. Returns
     * {@link Applied#nothing()} when every path already is what it must be.
     */
    public Applied apply(String kind, String summary, List<Change> changes) {
        return apply(kind, summary, changes, null, false);
    }

    /**
     * The same, counting each staged file and its bytes on {@code meter} (the progress of
     * {@code restore all}).
     */
    public Applied apply(String kind, String summary, List<Change> changes, Meter.Task meter) {
        this.meter = meter;
        try {
            return apply(kind, summary, changes, null, false);
        } finally {
            this.meter = null;
        }
    }

    private Applied apply(String kind, String summary, List<Change> changes, Integer reverts, boolean automatic) {
        // Ctrl-C never leaves an entry half-applied: it takes effect once the entry is complete
        return Interruption.atomically(() -> applyNow(kind, summary, changes, reverts, automatic));
    }

    private Applied applyNow(String kind, String summary, List<Change> changes, Integer reverts, boolean automatic) {
        try (ProjectLock lock = ProjectLock.acquire(project, kind, warn)) {
            sweep();
            Planner planner = new Planner(project);
            for (Change c : changes) {
                planner.add(c);
            }
            List<Step> steps = planner.steps();
            if (steps.isEmpty() && reverts == null) {
                return Applied.nothing();
            }
            requireSpace(kind, steps, planner.contents());
            Instant now = Clocks.now();
            int seq = nextSeq();
            Path entryDir = dir.resolve(String.format("%04d-%s-%s", seq, TIME.format(now), kind.replaceAll("[^a-z0-9-]", "-")));
            EntryDoc doc = new EntryDoc(EntryDoc.VERSION, seq, kind, summary, now, PREPARED, reverts, automatic, null, steps);
            try {
                Files.createDirectories(entryDir.resolve(BEFORE));
                Files.createDirectories(entryDir.resolve(NEW));
                writeDoc(entryDir, doc, false);
            } catch (IOException e) {
                Trees.deleteQuietly(entryDir);
                throw RollbackException.problem("cannot write the journal in " + dir + " (" + e.getMessage()
                        + "); nothing was changed");
            }
            try {
                List<Path> toFlush = new ArrayList<>();
                steps = stage(entryDir, steps, planner.contents(), toFlush);
                doc = doc.with(STAGED, null, steps);
                writeDoc(entryDir, doc, false);
                // one round of flushes, side by side: staged contents, saved files, the entry's state and folders
                toFlush.add(entryDir.resolve(ENTRY));
                toFlush.add(entryDir);
                toFlush.add(dir);
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
            try (FileChannel done = FileChannel.open(entryDir.resolve(DONE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                for (Step s : steps) {
                    current = s;
                    pause();
                    hook.beforeStep(s);
                    execute(entryDir, seq, s);
                    done.write(ByteBuffer.wrap((s.i() + "\n").getBytes(StandardCharsets.US_ASCII)));
                }
                current = null;
                applyDirModes(steps);
            } catch (IOException | RuntimeException e) {
                return failed(entryDir, doc, current, e);
            }
            doc = doc.with(JournalEntry.COMPLETE, null, steps);
            try {
                writeDoc(entryDir, doc, false);
            } catch (IOException e) {
                warn.accept("journal entry " + seq + " is done but its state could not be saved: " + e.getMessage());
            }
            return applied(load(entryDir), steps, List.of());
        }
    }

    /**
     * Refuses before anything is written when the journal's file system cannot hold what
     * the entry stages: every new content (copied into {@code new/}) and the before-images
     * that must be copies (files with a second hard link); a before-image of a file with one
     * name is a link and takes no space.
     */
    private void requireSpace(String kind, List<Step> steps, Map<Integer, Content> contents) {
        long staging = 0;
        long copies = 0;
        int puts = 0;
        for (Step s : steps) {
            if (Step.PUT.equals(s.op())) {
                Content c = contents.get(s.i());
                staging += FreeSpace.allocation(c == null || c.size() < 0 ? 0 : c.size());
                puts++;
            }
            if (s.before().isFile() && linkCount(project.file(s.path())) > 1) {
                copies += FreeSpace.allocation(s.before().size() == null ? 0 : s.before().size());
            }
        }
        if (staging + copies == 0) {
            return; // only removals, links and folders (clean frees space): the entry's few small files are all it writes
        }
        long entry = FreeSpace.BLOCK * (3 + steps.size() / 16); // entry.json, done, the folders
        FreeSpace.require(dir, staging + copies + entry, kind + " (" + puts + (puts == 1 ? " file" : " files") + " to write)",
                "staging " + FreeSpace.bytes(staging) + " + before-images " + FreeSpace.bytes(copies) + " + journal "
                        + FreeSpace.bytes(entry) + ", in " + dir);
    }

    /** A step failed: the entry is marked failed and what it had done is put back. */
    private Applied failed(Path entryDir, EntryDoc doc, Step at, Exception e) {
        String where = at == null ? "" : " at " + at.path();
        String why = Failures.describe(e);
        try {
            writeDoc(entryDir, doc.with(JournalEntry.FAILED, why, doc.steps()), true);
        } catch (IOException io) {
            // the entry stays "staged": undo treats it as interrupted, which is just as exact
        }
        try {
            revert(load(entryDir), UNDO, true);
        } catch (RuntimeException again) {
            throw RollbackException.problem(doc.kind() + " stopped" + where + " (" + why
                    + ") and putting back its changes failed too (" + Failures.describe(again)
                    + "); run 'undo' to put the project back as it was", e);
        }
        throw RollbackException.problem(doc.kind() + " stopped" + where + " (" + why
                + "); the changes it had made were put back, so nothing changed", e);
    }

    // ------------------------------------------------------------------ undo / redo

    /** Reverts the latest entry in effect (not an undo): puts back what each path was before it. */
    public Applied undo() {
        try (ProjectLock lock = ProjectLock.acquire(project, "undo", warn)) {
            Loaded target = undoTarget().orElseThrow(() -> RollbackException.badInput(
                    "nothing to undo: no restore or clean in the journal is still in effect ('undo --list' shows the journal)"));
            return revert(target, UNDO, false);
        }
    }

    /** Reverts the latest undo, when nothing but undos happened since. */
    public Applied redo() {
        try (ProjectLock lock = ProjectLock.acquire(project, "redo", warn)) {
            Loaded target = redoTarget().orElseThrow(() -> RollbackException.badInput(
                    "nothing to redo: no undo since the last restore or clean ('undo --list' shows the journal)"));
            return revert(target, REDO, false);
        }
    }

    /** The entry {@link #undo()} would revert. */
    public Optional<JournalEntry> nextUndo() {
        return undoTarget().map(l -> l.entry);
    }

    /** The entry {@link #redo()} would revert. */
    public Optional<JournalEntry> nextRedo() {
        return redoTarget().map(l -> l.entry);
    }

    private Optional<Loaded> undoTarget() {
        List<Loaded> all = loadAll();
        for (int i = all.size() - 1; i >= 0; i--) {
            Loaded l = all.get(i);
            if (l.entry.effective() && !UNDO.equals(l.entry.kind())) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    private Optional<Loaded> redoTarget() {
        List<Loaded> all = loadAll();
        int lastOrdinary = all.stream().filter(l -> !l.entry.isRevert()).mapToInt(l -> l.entry.seq()).max().orElse(0);
        for (int i = all.size() - 1; i >= 0; i--) {
            JournalEntry e = all.get(i).entry;
            if (e.seq() > lastOrdinary && UNDO.equals(e.kind()) && e.effective() && !e.automatic()
                    && JournalEntry.COMPLETE.equals(e.status())) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * Puts every path the target touched back to what it was before the target, as a new
     * entry. Works for complete, failed and interrupted entries alike: a path whose saved
     * content is still the project's own file (never replaced) is left as it is; a path the
     * target created is removed only when the target did create it.
     */
    private Applied revert(Loaded target, String kind, boolean automatic) {
        return Interruption.atomically(() -> revertNow(target, kind, automatic));
    }

    private Applied revertNow(Loaded target, String kind, boolean automatic) {
        Map<String, Step> first = new LinkedHashMap<>();
        Map<String, Step> last = new HashMap<>();
        Map<String, List<Integer>> stepsOf = new HashMap<>();
        for (Step s : target.doc.steps()) {
            first.putIfAbsent(s.path(), s);
            last.put(s.path(), s);
            stepsOf.computeIfAbsent(s.path(), k -> new ArrayList<>()).add(s.i());
        }
        boolean complete = JournalEntry.COMPLETE.equals(target.doc.status());
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
            Path image = target.dir.resolve(BEFORE).resolve(String.valueOf(s.i()));
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
                        if (target.staged) {
                            missing.add(path); // every replaced file was saved before the first step: someone deleted it
                        }
                        continue; // the entry died while staging: the project was never touched
                    }
                    writes.add(new Change.Write(path, new SavedContent(image, b, target.entry.seq()), b.mode(), b.mtime()));
                }
                case PathState.LINK -> {
                    if (!(PathState.LINK.equals(now.type()) && b.link().equals(now.link()))) {
                        writes.add(new Change.Link(path, b.link()));
                    }
                }
                case PathState.DIR -> dirs.add(new Change.Dir(path, b.mode()));
                default -> {
                    boolean didIt = complete || stepsOf.get(path).stream().anyMatch(target.done::contains)
                            || !differs(now, last.get(path).after(), file);
                    if (didIt && !PathState.ABSENT.equals(now.type())) {
                        removes.add(new Change.Remove(path));
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            throw RollbackException.badInput("cannot undo #" + target.entry.seq() + ": the saved copies of "
                    + String.join(", ", missing) + " are missing from " + target.dir.resolve(BEFORE)
                    + "; nothing was changed and the entry stays in effect. Put those files back from a backup"
                    + " ('restore file PATH')");
        }
        removes.sort(Comparator.comparingInt((Change c) -> depth(c.path())).reversed().thenComparing(Change::path));
        dirs.sort(Comparator.comparingInt((Change c) -> depth(c.path())).thenComparing(Change::path));
        List<Change> changes = new ArrayList<>(removes);
        changes.addAll(dirs);
        changes.addAll(writes);
        String what = REDO.equals(kind)
                ? "redo #" + target.doc.reverts() + ": " + target.doc.summary().replaceFirst("^undo #\\d+: ", "")
                : "undo #" + target.entry.seq() + ": " + target.doc.summary();
        Applied a = apply(kind, what, changes, target.entry.seq(), automatic);
        if (!complete) {
            Trees.deleteQuietly(target.dir.resolve(NEW)); // staged contents of an interrupted entry are of no use now
        }
        return new Applied(a.entry(), a.written(), a.removed(), a.bytesWritten(), changedSince);
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
        List<Step> all = target.doc.steps();
        if (JournalEntry.COMPLETE.equals(target.doc.status())) {
            return differs(now, all.get(stepIdx.get(stepIdx.size() - 1)).after(), file);
        }
        int lastDone = -1;
        for (int k = 0; k < stepIdx.size(); k++) {
            if (target.done.contains(stepIdx.get(k))) {
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
            default -> !(PathState.FILE.equals(now.type()) && now.size() == b.size() && java.util.Objects.equals(now.mtime(), b.mtime()));
        };
    }

    private static int depth(String path) {
        return (int) path.chars().filter(c -> c == '/').count();
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

    // ------------------------------------------------------------------ staging and steps

    private List<Step> stage(Path entryDir, List<Step> steps, Map<Integer, Content> contents, List<Path> toFlush)
            throws IOException {
        List<Step> out = new ArrayList<>(steps.size());
        for (Step s : steps) {
            if (s.before().isFile()) {
                String sha = saveBefore(project.file(s.path()), entryDir.resolve(BEFORE).resolve(String.valueOf(s.i())), toFlush);
                if (sha != null) {
                    PathState b = s.before();
                    s = new Step(s.i(), s.op(), s.path(), new PathState(b.type(), b.size(), b.mode(), b.mtime(), sha, null), s.after());
                }
            }
            if (Step.PUT.equals(s.op())) {
                Path staged = entryDir.resolve(NEW).resolve(String.valueOf(s.i()));
                PathState after = stageContent(s, contents.get(s.i()), staged);
                keepOwner(project.file(s.path()), staged);
                toFlush.add(staged);
                Meter.Task m = meter;
                if (m != null) {
                    m.add(1, after.size() == null ? 0 : after.size());
                }
                s = new Step(s.i(), s.op(), s.path(), s.before(), after);
            }
            out.add(s);
        }
        return out;
    }

    /**
     * Keeps the project's file. A hard link is enough when the file has no other name, since
     * the project's name is then replaced by a rename or deleted and the journal keeps the only
     * name of that old content. A file with a second hard link is copied: a write through its
     * other name would change a linked before-image too. Returns the copy's SHA-256, checked
     * when undo reads it back; null for a link.
     */
    private static String saveBefore(Path file, Path image, List<Path> toFlush) throws IOException {
        if (linkCount(file) == 1) {
            try {
                Files.createLink(image, file);
                return null;
            } catch (IOException | UnsupportedOperationException e) {
                // another file system, or links not allowed: copy
            }
        }
        Files.deleteIfExists(image);
        MessageDigest md = Hashing.sha256();
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
                FileChannel out = FileChannel.open(image, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            copy(in, out, md);
        } catch (IOException e) {
            throw FreeSpace.named(image, e);
        }
        toFlush.add(image);
        return Hashing.hex(md.digest());
    }

    /** The number of names of a file; 2 (so: copy) when the file system does not say. */
    private static int linkCount(Path file) {
        try {
            return ((Number) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return 2;
        }
    }

    private static PathState stageContent(Step s, Content content, Path staged) throws IOException {
        MessageDigest md = Hashing.sha256();
        long size;
        try (InputStream in = content.open();
                FileChannel out = FileChannel.open(staged, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            size = copy(in, out, md);
            String sha = Hashing.hex(md.digest());
            if (content.size() >= 0 && content.size() != size) {
                throw new ContentMismatchException(s.path(), content.origin(),
                        "it has " + size + " bytes where " + content.size() + " were recorded");
            }
            if (content.sha256() != null && !content.sha256().equalsIgnoreCase(sha)) {
                throw new ContentMismatchException(s.path(), content.origin(), "its SHA-256 differs from the one recorded");
            }
            String mode = s.after().mode();
            if (mode != null) {
                setMode(staged, mode);
            }
            if (s.after().mtime() != null) {
                Files.setLastModifiedTime(staged, FileTime.from(s.after().mtime()));
            }
            Planner.Node n = Planner.lstat(staged);
            return PathState.file(size, n.mode(), n.mtime(), sha);
        } catch (NoSuchFileException e) {
            throw new ContentMismatchException(s.path(), content.origin(), "the copy is missing");
        } catch (IOException e) {
            throw FreeSpace.named(staged, e);
        }
    }

    private static long copy(InputStream in, FileChannel out, MessageDigest md) throws IOException {
        byte[] buf = new byte[1 << 17];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            if (md != null) {
                md.update(buf, 0, n);
            }
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
            while (bb.hasRemaining()) {
                out.write(bb);
            }
            total += n;
        }
        return total;
    }

    private void execute(Path entryDir, int seq, Step s) throws IOException {
        Path target = project.file(s.path());
        Path parent = target.getParent();
        switch (s.op()) {
            case Step.PUT -> withWritable(parent, () -> {
                Path staged = entryDir.resolve(NEW).resolve(String.valueOf(s.i()));
                try {
                    Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    // the journal is on another file system: copy beside the target, then rename
                    Path tmp = parent.resolve("." + target.getFileName() + ".rollback-" + seq + "-" + s.i());
                    Files.copy(staged, tmp, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.READ)) {
                        ch.force(true);
                    }
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                    Files.delete(staged);
                }
            });
            case Step.LINK -> withWritable(parent, () -> {
                Path tmp = parent.resolve("." + target.getFileName() + ".rollback-" + seq + "-" + s.i());
                Files.deleteIfExists(tmp);
                Files.createSymbolicLink(tmp, Path.of(s.after().link()));
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            });
            case Step.MKDIR -> withWritable(parent, () -> {
                if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(target);
                    keepOwner(target, target);
                }
            });
            case Step.DELETE, Step.RMDIR -> withWritable(parent, () -> {
                try {
                    Files.delete(target);
                } catch (NoSuchFileException e) {
                    // already gone: what this step wants
                }
            });
            default -> throw new IllegalStateException("unknown step " + s.op());
        }
    }

    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    /**
     * Run as root, a written file or made folder would belong to root: it gets the owner and
     * group of the file it replaces, or of its folder (the nearest that exists) for a new one. Other users cannot give
     * files away, and their files are theirs already.
     */
    private static void keepOwner(Path projectPath, Path made) {
        if (!ROOT) {
            return;
        }
        try {
            Path from = projectPath.equals(made) ? projectPath.getParent() : projectPath;
            while (from != null && !Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
                from = from.getParent(); // a new file in a folder this entry makes: the nearest folder there is
            }
            if (from == null) {
                return;
            }
            java.nio.file.attribute.PosixFileAttributes a = Files.readAttributes(from,
                    java.nio.file.attribute.PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            java.nio.file.attribute.PosixFileAttributeView v = Files.getFileAttributeView(made,
                    java.nio.file.attribute.PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            v.setOwner(a.owner());
            v.setGroup(a.group());
        } catch (IOException | UnsupportedOperationException e) {
            // no owners on this file system: nothing to keep
        }
    }

    /** Folder modes last, deepest first, so that a read-only folder is filled before it becomes read-only. */
    private void applyDirModes(List<Step> steps) throws IOException {
        List<Step> dirs = new ArrayList<>();
        for (Step s : steps) {
            if (Step.MKDIR.equals(s.op()) && s.after().mode() != null) {
                dirs.add(s);
            }
        }
        dirs.sort(Comparator.comparingInt((Step s) -> depth(s.path())).reversed());
        for (Step s : dirs) {
            setMode(project.file(s.path()), s.after().mode());
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    /** Runs {@code action} with {@code dir} writable by its owner, as it was before afterwards. */
    private static void withWritable(Path dir, IoAction action) throws IOException {
        Set<PosixFilePermission> perms = null;
        if (!Files.isWritable(dir)) {
            try {
                perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
                Set<PosixFilePermission> writable = new HashSet<>(perms);
                writable.add(PosixFilePermission.OWNER_WRITE);
                writable.add(PosixFilePermission.OWNER_EXECUTE);
                Files.setPosixFilePermissions(dir, writable);
            } catch (UnsupportedOperationException e) {
                perms = null;
            }
        }
        try {
            action.run();
        } finally {
            if (perms != null) {
                Files.setPosixFilePermissions(dir, perms);
            }
        }
    }

    private static void setMode(Path p, String mode) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // no POSIX modes here, or none recorded in a form we know
        }
    }

    private void pause() {
        if (STEP_DELAY > 0) {
            try {
                Thread.sleep(STEP_DELAY);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ------------------------------------------------------------------ reading the journal

    /** Every entry, oldest first. */
    public List<JournalEntry> list() {
        return loadAll().stream().map(l -> l.entry).toList();
    }

    /** The newest entry, if it was interrupted (the process died while it ran). */
    public Optional<JournalEntry> interrupted() {
        List<Path> dirs = entryDirs();
        for (int i = dirs.size() - 1; i >= 0; i--) {
            if (Files.isRegularFile(dirs.get(i).resolve(ENTRY))) {
                try {
                    Loaded l = load(dirs.get(i));
                    return JournalEntry.INTERRUPTED.equals(l.entry.status()) ? Optional.of(l.entry) : Optional.empty();
                } catch (UncheckedIOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** {@code staged}: the entry got past staging, so every before-image it needed was saved. */
    private record Loaded(EntryDoc doc, Set<Integer> done, Path dir, JournalEntry entry, boolean staged) {
    }

    private List<Loaded> loadAll() {
        List<Loaded> raw = new ArrayList<>();
        for (Path d : entryDirs()) {
            if (Files.isRegularFile(d.resolve(ENTRY))) {
                raw.add(loadChecked(d));
            }
        }
        // newest first: an undo or redo in effect takes its target out of effect
        Map<Integer, Integer> revertedBy = new HashMap<>();
        Map<Integer, Boolean> effective = new HashMap<>();
        for (int i = raw.size() - 1; i >= 0; i--) {
            Loaded l = raw.get(i);
            boolean eff = !revertedBy.containsKey(l.doc.seq()) && !PREPARED_ONLY_REVERT.test(l);
            effective.put(l.doc.seq(), eff);
            if (eff && l.doc.reverts() != null && JournalEntry.COMPLETE.equals(l.entry.status())) {
                revertedBy.putIfAbsent(l.doc.reverts(), l.doc.seq());
            }
        }
        List<Loaded> out = new ArrayList<>(raw.size());
        for (Loaded l : raw) {
            JournalEntry e = l.entry;
            out.add(new Loaded(l.doc, l.done, l.dir, new JournalEntry(e.seq(), e.name(), e.kind(), e.summary(),
                    e.createdAt(), e.status(), e.reverts(), e.automatic(), revertedBy.get(e.seq()),
                    effective.get(e.seq()), e.steps(), e.done(), e.written(), e.removed(), e.error(), e.paths(), e.dir()),
                    l.staged));
        }
        return out;
    }

    /** An undo that never completed reverts nothing; it is not "in effect" either. */
    private static final java.util.function.Predicate<Loaded> PREPARED_ONLY_REVERT =
            l -> l.doc.reverts() != null && !JournalEntry.COMPLETE.equals(l.entry.status());

    /**
     * {@link #load}, refusing (exit 2) an entry whose {@code entry.json} is torn or hand-edited: undo could not tell
     * what it changed, and leaving it out would undo the wrong entry. The message names the entry and how to move
     * it out of the way, which keeps its files.
     */
    private Loaded loadChecked(Path entryDir) {
        try {
            return load(entryDir);
        } catch (UncheckedIOException e) {
            String why = e.getCause() instanceof DamagedEntry d ? d.getMessage() : Failures.describe(e.getCause());
            Path aside = project.state("journal-damaged").resolve(entryDir.getFileName());
            throw RollbackException.badInput("journal entry " + entryDir.getFileName() + " is damaged ("
                    + ENTRY + ": " + why + "); undo cannot tell what it changed, so the journal is not used. Move it"
                    + " out of the journal, which keeps its saved files: mkdir -p " + aside.getParent() + " && mv "
                    + entryDir + " " + aside);
        }
    }

    /** A readable {@code entry.json} that does not hold together. */
    private static final class DamagedEntry extends IOException {
        DamagedEntry(String why) {
            super(why);
        }
    }

    private Loaded load(Path entryDir) {
        EntryDoc doc;
        try {
            doc = Json.read(entryDir.resolve(ENTRY), EntryDoc.class);
            String problem = doc == null ? "it is empty" : doc.problem(seqOf(entryDir));
            if (problem != null) {
                throw new DamagedEntry(problem);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<Integer> done = readDone(entryDir.resolve(DONE));
        String status = doc.status();
        if (PREPARED.equals(status) || STAGED.equals(status)) {
            status = STAGED.equals(status) && done.size() == doc.steps().size() ? JournalEntry.COMPLETE
                    : JournalEntry.INTERRUPTED;
        }
        int written = 0;
        int removed = 0;
        Set<String> paths = new java.util.LinkedHashSet<>();
        for (Step s : doc.steps()) {
            paths.add(s.path());
            if (Step.PUT.equals(s.op()) || Step.LINK.equals(s.op())) {
                written++;
            } else if (Step.DELETE.equals(s.op())) {
                removed++;
            }
        }
        EntryDoc effectiveDoc = status.equals(doc.status()) ? doc : doc.with(status, doc.error(), doc.steps());
        JournalEntry e = new JournalEntry(doc.seq(), entryDir.getFileName().toString(), doc.kind(), doc.summary(),
                doc.createdAt(), status, doc.reverts(), doc.automatic(), null, true, doc.steps().size(), done.size(),
                written, removed, doc.error(), List.copyOf(paths), entryDir);
        return new Loaded(effectiveDoc, done, entryDir, e, !PREPARED.equals(doc.status()));
    }

    private static Set<Integer> readDone(Path file) {
        Set<Integer> done = new TreeSet<>();
        if (!Files.isRegularFile(file)) {
            return done;
        }
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII);
            int end = text.lastIndexOf('\n');
            for (String line : text.substring(0, end + 1).split("\n")) {
                if (!line.isBlank()) {
                    done.add(Integer.parseInt(line.trim()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // a torn last line means that step may or may not be done; revert handles both
        }
        return done;
    }

    /** The folders of the journal's entries, oldest first (for {@link JournalPruner}'s disk usage). */
    List<Path> entryFolders() {
        return entryDirs();
    }

    private List<Path> entryDirs() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> kids = Files.list(dir)) {
            kids.filter(p -> ENTRY_DIR.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p))
                    .forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal " + dir, e);
        }
        out.sort(Comparator.comparingInt(Journal::seqOf));
        return out;
    }

    private static int seqOf(Path entryDir) {
        Matcher m = ENTRY_DIR.matcher(entryDir.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }

    private int nextSeq() {
        return entryDirs().stream().mapToInt(Journal::seqOf).max().orElse(0) + 1;
    }

    /** Removes entry folders that never got their {@code entry.json}: they changed nothing. */
    private void sweep() {
        for (Path d : entryDirs()) {
            if (!Files.exists(d.resolve(ENTRY))) {
                Trees.deleteQuietly(d);
            }
        }
    }

    private Applied applied(Loaded l, List<Step> steps, List<String> changedSince) {
        long bytes = 0;
        for (Step s : steps) {
            if (Step.PUT.equals(s.op()) && s.after().size() != null) {
                bytes += s.after().size();
            }
        }
        return new Applied(l.entry, l.entry.written(), l.entry.removed(), bytes, changedSince);
    }

    // ------------------------------------------------------------------ files

    private static void writeDoc(Path entryDir, EntryDoc doc, boolean force) throws IOException {
        Path target = entryDir.resolve(ENTRY);
        Path tmp = entryDir.resolve("." + ENTRY + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(Json.bytes(doc));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            if (force) {
                ch.force(true);
            }
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        if (force) {
            fsyncDir(entryDir);
        }
    }

    static void fsyncDir(Path d) {
        try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // not every file system lets a folder be flushed; the rename order still holds
        }
    }
}
