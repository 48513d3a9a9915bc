package dev.rollbackshell.restore;

import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.journal.Journal;
import dev.rollbackshell.project.Globs;
import dev.rollbackshell.project.Names;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.RollbackException;
import dev.rollbackshell.restore.RestoreReport.Item;
import dev.rollbackshell.restore.RestoreReport.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Restores project files and folders from a backup or a git ref, through the journal (so
 * every restore can be undone), never writing into a backup. Plan first ({@link #planFiles},
 * {@link #planAll}: checks everything, touches nothing), then {@link #apply}; or both at
 * once with {@link #restoreFiles} and {@link #restoreAll}. The caller holds the project lock.
 * This class plans (the request's paths against the source); opening the source is
 * {@link SourceOpener}'s, doing a plan as a journal entry {@link PlanApplier}'s.
 */
public final class Restorer {

    public static final String KIND_FILE = "restore-file";
    public static final String KIND_ALL = "restore-all";

    private final Project project;
    private final BackupStore backups;
    private final Journal journal;
    private final SourceOpener sources;
    private final PlanApplier applier;

    public Restorer(Project project, BackupStore backups, Consumer<String> warn) {
        this.project = project;
        this.backups = backups;
        this.journal = new Journal(project, warn);
        this.sources = new SourceOpener(project, backups);
        this.applier = new PlanApplier(journal, backups);
    }

    public Journal journal() {
        return journal;
    }

    /** Opens a source: refuses (exit 2) an unknown backup or ref, naming the nearest. */
    public Source open(SourceRef ref) {
        return sources.open(ref);
    }

    // ------------------------------------------------------------------ restore file

    /** Plans {@code restore file}: refuses (exit 2) paths outside the project or not in the source. */
    public RestorePlan planFiles(RestoreRequest req) {
        if (req.paths().isEmpty()) {
            throw RollbackException.badInput("give at least one path to restore, such as src/module.py");
        }
        List<String> given = cleanPaths(req.paths());
        Source s = open(req.source());
        try {
            List<String> paths = expandGlobs(given, s);
            RestorePlanner planner = new RestorePlanner(project, s, req.force(), req.checksum());
            for (String p : paths) {
                String top = Paths.top(p);
                if (!s.holdsFolder(top)) {
                    throw RollbackException.badInput(s.describe() + " has no copy of the folder " + top + " (it holds "
                            + String.join(", ", s.folders()) + ")" + Names.didYouMean(top, s.folders()));
                }
                NavigableMap<String, SourceEntry> src = s.under(p);
                boolean folder = p.equals(top) && s.recordsFolder(top);
                if (src.isEmpty() && !folder) {
                    throw RollbackException.badInput(s.describe() + " has no " + p + nearest(p, s.names()));
                }
                Predicate<String> ignored = req.exact() ? ignoredBy(s, p) : null;
                planner.plan(p, folder || !src.containsKey(p) || src.get(p).isDir(), req.exact(), null, ignored);
            }
            String summary = "restore " + String.join(" ", paths) + (req.exact() ? " (exact)" : "") + " from " + s.describe();
            return finish("restore file", KIND_FILE, summary, s, paths, req.exact(), req.dryRun(), planner, List.of());
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    public RestoreReport restoreFiles(RestoreRequest req) {
        return apply(planFiles(req));
    }

    // ------------------------------------------------------------------ restore all

    /** Plans {@code restore all}: every protected folder (or {@code only}) exactly like the source, then clean. */
    public RestorePlan planAll(RestoreAllRequest req) {
        List<String> scope = new ArrayList<>();
        if (req.only() != null) {
            String only = project.relativize(req.only());
            if (only.isEmpty() || !req.folders().contains(Paths.top(only))) {
                throw RollbackException.badInput("--only " + req.only() + " is not inside a protected folder ("
                        + String.join(", ", req.folders()) + ")" + Names.didYouMean(req.only(), req.folders()));
            }
            scope.add(only);
        } else {
            for (String f : req.folders()) {
                scope.add(project.relativize(f));
            }
        }
        Source s = open(req.source());
        try {
            RestorePlanner planner = new RestorePlanner(project, s, req.force(), req.checksum());
            Globs generated = new Globs(req.cleanPatterns());
            List<RestoreReport.Skipped> skipped = new ArrayList<>();
            List<String> done = new ArrayList<>();
            for (String f : scope) {
                String top = Paths.top(f);
                NavigableMap<String, SourceEntry> src = s.holdsFolder(top) ? s.under(f) : null;
                boolean backupFolder = f.equals(top) && s.recordsFolder(top);
                if (src == null || (src.isEmpty() && !backupFolder)) {
                    skipped.add(new RestoreReport.Skipped(f, s.describe() + " has no copy of it; left as it is"));
                    continue;
                }
                if (src.containsKey(f) && !src.get(f).isDir()) {
                    throw RollbackException.badInput(f + " is a file in " + s.describe() + ", not a folder; use 'restore file " + f + "'");
                }
                ProjectTree.Item here = ProjectTree.item(project, f);
                if (here != null && here.isLink()) {
                    throw RollbackException.badInput(f + " is a symbolic link (-> " + here.link() + "); restore all would"
                            + " replace it with a folder; restore it with 'restore file " + f + "' if that is what you want");
                }
                planner.plan(f, true, true, generated::matches, ignoredBy(s, f));
                done.add(f);
            }
            if (done.isEmpty()) {
                throw RollbackException.badInput(s.describe() + " has none of " + String.join(", ", scope)
                        + "; nothing to restore from it");
            }
            String summary = "restore all (" + String.join(", ", done) + ") from " + s.describe();
            return finish("restore all", KIND_ALL, summary, s, done, true, req.dryRun(), planner, skipped);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    public RestoreReport restoreAll(RestoreAllRequest req) {
        return apply(planAll(req));
    }

    // ------------------------------------------------------------------ apply

    /**
     * Does a plan as one journal entry (a dry-run plan only returns its report). Refuses
     * (exit 1, nothing changed) when a backup copy does not match its manifest, naming a
     * backup with a good copy. Closes the plan.
     */
    public RestoreReport apply(RestorePlan plan) {
        return applier.apply(plan);
    }

    /**
     * Does several plans as ONE journal entry, so one {@code undo} reverts them all: a
     * runbook scenario that restores some files from a backup and others from
     * {@code git HEAD~1}. Dry-run plans only give their reports. Closes the plans.
     *
     * @param summary what the entry says in {@code undo --list} ("scenario phase1-A: ...")
     */
    public List<RestoreReport> applyAll(String kind, String summary, List<RestorePlan> plans) {
        return applier.applyAll(kind, summary, plans);
    }

    private RestorePlan finish(String action, String kind, String summary, Source s, List<String> paths, boolean exact,
            boolean dryRun, RestorePlanner planner, List<RestoreReport.Skipped> skipped) {
        List<Item> written = planner.written();
        List<Item> removed = planner.removed();
        List<Item> left = planner.left();
        long bytesWritten = written.stream().mapToLong(Item::size).sum();
        long bytesRemoved = removed.stream().mapToLong(Item::size).sum();
        int removedFiles = (int) removed.stream().filter(i -> !SourceEntry.DIR.equals(i.type())).count();
        int writtenFiles = (int) written.stream().filter(i -> !SourceEntry.DIR.equals(i.type())).count();
        RestoreReport.Summary sum = new RestoreReport.Summary(writtenFiles, removedFiles, planner.unchanged(),
                left.size() - planner.unchanged(), bytesWritten, bytesRemoved);
        List<Problem> problems = new ArrayList<>();
        if (dryRun) {
            for (SourceEntry se : planner.toWrite().values()) {
                String problem = s.verify(se);
                if (problem != null) {
                    problems.add(new Problem(se.path(), problem, s.goodCopyIn(backups, se.path())));
                }
            }
        }
        RestoreReport report = new RestoreReport(action, s.info(), paths, exact, dryRun, written, removed, left, skipped,
                problems, sum, null);
        return new RestorePlan(report, planner.changes(), s, planner.toWrite(), kind, summary, planner.overwrites());
    }

    // ------------------------------------------------------------------ helpers

    private List<String> cleanPaths(List<String> given) {
        TreeSet<String> all = new TreeSet<>();
        for (String g : given) {
            String rel = project.relativize(g);
            if (rel.isEmpty()) {
                throw RollbackException.badInput("'" + g + "' is the whole project; give paths inside it, or use 'restore all'");
            }
            String top = Paths.top(rel);
            if (top.equals(Project.BACKUP_ROOT) || top.equals(Project.STATE_DIR) || top.equals(".git")) {
                throw RollbackException.badInput("refused to restore " + g + ": " + top
                        + " is not part of the project's files (restores never write into backups, the journal or .git)");
            }
            all.add(rel);
        }
        List<String> out = new ArrayList<>();
        for (String p : all) {
            if (out.stream().noneMatch(q -> Paths.within(p, q))) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * Paths with glob characters ({@code src/batch_processor/scaling_*.py}, as in the
     * runbook's {@code cp .../scaling_*.py}) become the source's paths they match; a path
     * the source holds literally stays as it is.
     */
    private static List<String> expandGlobs(List<String> paths, Source s) {
        List<String> out = new ArrayList<>();
        for (String p : paths) {
            if (!Globs.isGlob(p) || s.names().contains(p)) {
                out.add(p);
                continue;
            }
            List<String> matched = new ArrayList<>();
            for (String n : s.names()) {
                if (Globs.matches(p, n)) {
                    matched.add(n);
                }
            }
            if (matched.isEmpty()) {
                throw RollbackException.badInput(s.describe() + " has nothing matching " + p);
            }
            out.addAll(matched);
        }
        TreeSet<String> sorted = new TreeSet<>(out);
        List<String> kept = new ArrayList<>();
        for (String p : sorted) {
            if (kept.stream().noneMatch(q -> Paths.within(p, q))) {
                kept.add(p);
            }
        }
        return kept;
    }

    private static Predicate<String> ignoredBy(Source s, String folder) {
        Set<String> ignored = s.ignoredUnder(folder);
        if (ignored.isEmpty()) {
            return null;
        }
        return path -> {
            for (String p = path; !p.isEmpty(); p = Paths.parent(p)) {
                if (ignored.contains(p)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static String nearest(String typed, NavigableSet<String> names) {
        String parent = Paths.parent(typed);
        List<String> siblings = new ArrayList<>();
        for (String n : names) {
            if (Paths.parent(n).equals(parent)) {
                siblings.add(n);
            }
        }
        String hint = Names.didYouMean(typed, siblings);
        return hint.isEmpty() ? Names.didYouMean(typed, names) : hint;
    }

    static String quote(String path) {
        return path.matches("[A-Za-z0-9_./-]+") ? path : "'" + path.replace("'", "'\\''") + "'";
    }
}
