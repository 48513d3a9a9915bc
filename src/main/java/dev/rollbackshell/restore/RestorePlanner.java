package dev.rollbackshell.restore;

import dev.rollbackshell.journal.Change;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.RollbackException;
import dev.rollbackshell.restore.RestoreReport.Item;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Compares a source with the project, path by path, and decides what to write, what to
 * remove and what to leave. An unchanged file (same size, same content, same mode) is
 * never rewritten.
 */
final class RestorePlanner {

    private final Project project;
    private final Source source;
    private final boolean force;
    /** {@code --checksum}: same size and time are not enough, the content is compared. */
    private final boolean checksum;
    private final List<Item> written = new ArrayList<>();
    private final List<Item> left = new ArrayList<>();
    private final Map<String, Item> removed = new LinkedHashMap<>();
    private final List<Change> writes = new ArrayList<>();
    private final Map<String, SourceEntry> toWrite = new LinkedHashMap<>();
    /** Project files and links whose current content a write replaces or a removal takes away. */
    private final Set<String> overwrites = new TreeSet<>();
    private int unchanged;

    RestorePlanner(Project project, Source source, boolean force, boolean checksum) {
        this.project = project;
        this.source = source;
        this.force = force;
        this.checksum = checksum;
    }

    /**
     * Plans {@code p} (a file or folder).
     *
     * @param folder    the source holds {@code p} as a folder even if it is empty
     * @param exact     remove what the source does not have
     * @param generated generated files: never written, always removed (null: none)
     * @param ignored   paths git ignores: left even when exact (null: none)
     */
    void plan(String p, boolean folder, boolean exact, Predicate<String> generated, Predicate<String> ignored) {
        Predicate<String> gen = generated == null ? x -> false : generated;
        Predicate<String> ign = ignored == null ? x -> false : ignored;
        NavigableMap<String, SourceEntry> src = source.under(p);
        ProjectTree.Item blocker = ProjectTree.blockingParent(project, p);
        if (blocker != null && blocker.isLink()) {
            throw RollbackException.badInput(p + " runs through the symbolic link " + blocker.path() + " (-> "
                    + blocker.link() + "); restore the path it leads to instead, or restore " + blocker.path()
                    + " itself to replace the link; nothing was changed");
        }
        TreeMap<String, ProjectTree.Item> proj = blocker == null ? ProjectTree.scan(project, p) : new TreeMap<>();
        Map<String, Item> candidates = new TreeMap<>();
        Set<String> forced = new HashSet<>();
        TreeSet<String> kept = new TreeSet<>();
        if (blocker != null) {
            candidates.put(blocker.path(), item(blocker, "in the way: " + source.describe() + " has a folder here"));
            forced.add(blocker.path());
        }
        Set<String> srcDirs = new HashSet<>();
        if (folder) {
            srcDirs.add(p);
        }
        for (String k : src.keySet()) {
            for (String d = Paths.parent(k); !d.isEmpty() && Paths.within(d, p); d = Paths.parent(d)) {
                if (!srcDirs.add(d)) {
                    break;
                }
            }
            if (src.get(k).isDir()) {
                srcDirs.add(k);
            }
        }

        for (SourceEntry se : src.values()) {
            String k = se.path();
            if (gen.test(k)) {
                continue;
            }
            ProjectTree.Item cur = proj.get(k);
            if (cur != null && cur.isSpecial()) {
                throw RollbackException.badInput(k + " is a pipe, socket or device in the project where "
                        + source.describe() + " has a " + se.type() + "; rollback-shell never opens nor removes those."
                        + " Remove it yourself (rm -- '" + k + "') if it may go, then restore again; nothing was changed");
            }
            if (se.isFile()) {
                String want = source.modeFor(se, cur == null ? null : cur.mode());
                if (cur != null && cur.isFile() && cur.size() == se.size() && ((!checksum && sameTime(se, cur)) || same(se, k))) {
                    if (want == null || want.equals(cur.mode())) {
                        unchanged++;
                        left.add(new Item(k, SourceEntry.FILE, cur.size(), RestoreReport.UNCHANGED));
                        kept.add(k);
                    } else {
                        write(se, cur, want, "mode " + cur.mode() + " -> " + want);
                    }
                } else {
                    write(se, cur, want, reason(cur, "modified"));
                }
            } else if (se.isLink()) {
                if (cur != null && cur.isLink() && se.link().equals(cur.link())) {
                    unchanged++; // even one leading out of the project: nothing is written
                    left.add(new Item(k, SourceEntry.LINK, 0, RestoreReport.UNCHANGED));
                    kept.add(k);
                } else {
                    source.checkContained(se); // a link out of the project is never made: exit 2
                    write(se, cur, null, reason(cur, "points elsewhere"));
                }
            } else if (cur == null || !cur.isDir()) {
                write(se, cur, se.mode(), reason(cur, "missing"));
            }
        }

        for (ProjectTree.Item it : proj.values()) {
            String k = it.path();
            if (it.isSpecial()) { // never opened nor removed; one where the source has something was refused above
                kept.add(k);
                left.add(item(it, "a pipe, socket or device: never opened nor removed"));
                continue;
            }
            SourceEntry se = src.get(k);
            if (se == null && source.leftOut(k)) { // never in the backup: it could not be read when it was made
                kept.add(k);
                if (!it.isDir()) {
                    left.add(item(it, "left out of " + source.describe() + " when it was made ('backup show' says why)"));
                }
                continue;
            }
            if (se != null && !gen.test(k)) {
                if (se.isDir() == it.isDir()) {
                    continue; // compared above
                }
                if (it.isDir()) {
                    candidates.put(k, item(it, "replaced by the file of " + source.describe()));
                    forced.add(k);
                }
                continue; // a file or link where the source has a folder: replaced by the write above
            }
            if (srcDirs.contains(k)) {
                if (!it.isDir()) {
                    candidates.put(k, item(it, "replaced by the folder of " + source.describe()));
                    forced.add(k);
                }
                continue;
            }
            String conflict = fileAbove(src, k, p, gen);
            if (conflict != null) {
                candidates.put(k, item(it, "replaced by the file " + conflict + " of " + source.describe()));
                forced.add(k);
            } else if (gen.test(k)) {
                candidates.put(k, item(it, "generated"));
            } else if (exact && !ign.test(k)) {
                candidates.put(k, item(it, "not in " + source.describe()));
            } else {
                kept.add(k);
                if (!it.isDir()) {
                    left.add(item(it, exact ? "ignored by git" : "not in " + source.describe() + "; --exact removes it"));
                }
            }
        }
        for (Map.Entry<String, Item> c : candidates.entrySet()) {
            String k = c.getKey();
            if (c.getValue().type().equals(SourceEntry.DIR) && !forced.contains(k)) {
                String below = kept.ceiling(k + "/");
                if (below != null && below.startsWith(k + "/")) {
                    continue; // a folder that still holds something kept stays
                }
            }
            if (removed.putIfAbsent(k, c.getValue()) == null && !c.getValue().type().equals(SourceEntry.DIR)) {
                overwrites.add(k);
            }
        }
    }

    /**
     * The quick check git and rsync make, and {@code status} too: same size and the same
     * modification time (to the millisecond) as recorded means the same file, without
     * reading it. A file whose time differs is compared by content, so a touched but
     * identical file is not rewritten either.
     */
    private static boolean sameTime(SourceEntry se, ProjectTree.Item cur) {
        return se.mtime() != null && cur.mtime() != null && se.mtime().toEpochMilli() == cur.mtime().toEpochMilli();
    }

    private boolean same(SourceEntry se, String k) {
        try {
            return source.sameContent(se, project.file(k));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + k, e);
        }
    }

    /** The nearest path above {@code k} (within {@code p}) where the source has a file or link, or null. */
    private static String fileAbove(NavigableMap<String, SourceEntry> src, String k, String p, Predicate<String> gen) {
        for (String d = Paths.parent(k); !d.isEmpty() && Paths.within(d, p); d = Paths.parent(d)) {
            SourceEntry e = src.get(d);
            if (e != null && !e.isDir() && !gen.test(d)) {
                return d;
            }
        }
        return null;
    }

    private static String reason(ProjectTree.Item cur, String same) {
        if (cur == null) {
            return "missing";
        }
        if (cur.isDir()) {
            return "replaces a folder";
        }
        if (cur.isLink()) {
            return "replaces a symbolic link";
        }
        return cur.isFile() ? same : "replaces a special file";
    }

    private static Item item(ProjectTree.Item it, String reason) {
        return new Item(it.path(), it.type(), it.isFile() ? it.size() : 0, reason);
    }

    private void write(SourceEntry se, ProjectTree.Item cur, String mode, String reason) {
        if (cur != null && !cur.isDir()) {
            overwrites.add(se.path());
        }
        if (se.isFile()) {
            source.checkContained(se); // a copy that is (or runs through) a link out of the project: exit 2
        }
        written.add(new Item(se.path(), se.type(), se.isFile() ? se.size() : 0, reason));
        toWrite.put(se.path(), se);
        if (se.isFile()) {
            // written now, as cp and git checkout write: a backup's older time would make a build
            // tool (make, Maven) keep what it compiled from the broken file (docs/restore.md)
            writes.add(new Change.Write(se.path(), source.content(se, !force), mode, null));
        } else if (se.isLink()) {
            writes.add(new Change.Link(se.path(), se.link()));
        } else {
            writes.add(new Change.Dir(se.path(), mode));
        }
    }

    Map<String, SourceEntry> toWrite() {
        return toWrite;
    }

    /**
     * The project's files and links (never folders) whose current content the plan replaces
     * (written over: other content, mode, link target or type) or removes, in path order:
     * what a suggestion's "overwrites" and its confirmation count say.
     */
    List<String> overwrites() {
        return List.copyOf(overwrites);
    }

    /** Removals first (deepest first), then writes in path order. */
    List<Change> changes() {
        List<Change> out = new ArrayList<>();
        removed.keySet().stream()
                .sorted(Comparator.comparingInt((String k) -> -k.split("/").length).thenComparing(k -> k))
                .forEach(k -> out.add(new Change.Remove(k)));
        out.addAll(writes);
        return out;
    }

    List<Item> written() {
        return written;
    }

    List<Item> removed() {
        return new ArrayList<>(removed.values());
    }

    List<Item> left() {
        return left;
    }

    int unchanged() {
        return unchanged;
    }
}
