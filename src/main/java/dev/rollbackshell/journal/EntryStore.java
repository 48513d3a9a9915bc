package dev.rollbackshell.journal;

import dev.rollbackshell.backup.Trees;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.project.Failures;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.RollbackException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The journal's folder on disk (docs/architecture.md, "The journal's parts"): the entry folders
 * {@code <seq>-<time>-<kind>/}, each with its {@code entry.json} ({@link EntryDoc}, written by
 * {@link #writeDoc}), its {@code done} log and its {@code before/} and {@code new/} contents; and
 * loading them back, with the state each entry is in and which entries are in effect.
 */
final class EntryStore {

    static final String ENTRY = "entry.json";
    static final String DONE = "done";
    static final String BEFORE = "before";
    static final String NEW = "new";

    private static final Pattern ENTRY_DIR = Pattern.compile("(\\d+)-.*");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneId.systemDefault());

    private final Project project;
    private final Path dir;

    /** {@code staged}: the entry got past staging, so every before-image it needed was saved. */
    record Loaded(EntryDoc doc, Set<Integer> done, Path dir, JournalEntry entry, boolean staged) {
    }

    EntryStore(Project project) {
        this.project = project;
        this.dir = project.state("journal");
    }

    Path dir() {
        return dir;
    }

    /** The folder of a new entry. */
    Path entryDir(int seq, Instant now, String kind) {
        return dir.resolve(String.format("%04d-%s-%s", seq, TIME.format(now), kind.replaceAll("[^a-z0-9-]", "-")));
    }

    /** The newest entry, if it was interrupted (the process died while it ran). */
    Optional<JournalEntry> interrupted() {
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

    /** Every entry, oldest first, each knowing whether it is in effect and which revert took it out. */
    List<Loaded> loadAll() {
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
    private static final Predicate<Loaded> PREPARED_ONLY_REVERT =
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

    /**
     * One entry as it is on disk: a {@code prepared} or {@code staged} document is {@code complete} when
     * {@code done} logs every step, else {@code interrupted}. Not yet told whether it is in effect.
     */
    Loaded load(Path entryDir) {
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
        if (EntryDoc.PREPARED.equals(status) || EntryDoc.STAGED.equals(status)) {
            status = EntryDoc.STAGED.equals(status) && done.size() == doc.steps().size() ? JournalEntry.COMPLETE
                    : JournalEntry.INTERRUPTED;
        }
        int written = 0;
        int removed = 0;
        Set<String> paths = new LinkedHashSet<>();
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
        return new Loaded(effectiveDoc, done, entryDir, e, !EntryDoc.PREPARED.equals(doc.status()));
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

    /** The folders of the journal's entries, oldest first. */
    List<Path> entryDirs() {
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
        out.sort(Comparator.comparingInt(EntryStore::seqOf));
        return out;
    }

    private static int seqOf(Path entryDir) {
        Matcher m = ENTRY_DIR.matcher(entryDir.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }

    int nextSeq() {
        return entryDirs().stream().mapToInt(EntryStore::seqOf).max().orElse(0) + 1;
    }

    /** Removes entry folders that never got their {@code entry.json}: they changed nothing. */
    void sweep() {
        for (Path d : entryDirs()) {
            if (!Files.exists(d.resolve(ENTRY))) {
                Trees.deleteQuietly(d);
            }
        }
    }

    /** Replaces {@code entry.json} atomically; {@code force}: flushed to disk, with its folder. */
    static void writeDoc(Path entryDir, EntryDoc doc, boolean force) throws IOException {
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
            Flush.dir(entryDir);
        }
    }
}
