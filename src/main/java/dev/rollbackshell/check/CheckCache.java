package dev.rollbackshell.check;

import dev.rollbackshell.backup.RacyWindow;
import dev.rollbackshell.backup.TreeFingerprint;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.plan.Check;
import dev.rollbackshell.plan.DataCheck;
import dev.rollbackshell.plan.Plan;
import dev.rollbackshell.plan.PlanLoader;
import dev.rollbackshell.project.AtomicFiles;
import dev.rollbackshell.project.Clocks;
import dev.rollbackshell.project.Globs;
import dev.rollbackshell.project.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Check results kept in {@code .rollback/checks/}, so that {@code verify} or
 * {@code diagnose} on a tree the checks already ran on answers at once (docs/plan.md,
 * "Nothing checked twice"). An entry is keyed by a hash of what the checks read: the
 * {@link #fingerprint tree fingerprint} of the protected folders and the project's
 * top-level files, the plan, the identity of the interpreter and of the other programs
 * the checks start, the environment they run in, and which sections ran ({@link CacheKey}). Any change to
 * one of them is another key, so an entry is never used for a tree, plan or interpreter
 * it was not made on. The performance check is never cached: it reruns every time.
 *
 * <p>The fingerprint includes inodes (not status-change times: docs/architecture.md, "Tree
 * fingerprints"), so a copy of the project (a scratch copy, even one with identical
 * content) never shares entries; its own {@code .rollback/} is another cache anyway.
 */
public final class CheckCache {

    /** Bumped when the entry format or what the key covers changes: older entries are then simply not found. */
    static final int VERSION = 1;
    /** Entries kept; older ones are removed when a new one is written. */
    static final int KEEP = 16;
    static final String DIR = "checks";
    /** How much longer than the tree fingerprint's racy window ({@link RacyWindow}) a settling run waits. */
    static final long SETTLE_MARGIN_MILLIS = 100;

    /**
     * One run of the checks, fresh or from the cache.
     *
     * @param cached    true when the results (all but the performance check) came from the cache
     * @param checkedAt when the checks that gave these results ran
     * @param tree      the fingerprint of the tree they describe (null for {@link #runUncached})
     * @param stored    false when a fresh run could not be kept (the checks changed the protected files while
     *                  they ran, or the cache could not be written); {@code note} says why
     */
    public record Run(CheckReport report, boolean cached, Instant checkedAt, TreeFingerprint tree, boolean stored,
            String note) {
    }

    /** What an entry holds: the report without the performance check, and what it was made from. */
    record Entry(int version, String tree, String inputs, Instant checkedAt, CheckReport report) {
    }

    private final Project project;
    private final Progress progress;
    private final Interpreter interpreter;
    private final Slowdown slowdown;

    /** {@code interpreter}: the run's, which every suite this cache runs uses (docs/architecture.md, the check package). */
    public CheckCache(Project project, Progress progress, Interpreter interpreter) {
        this(project, progress, interpreter, Slowdown.NONE);
    }

    /**
     * {@code slowdown}: the rule the results will be judged by ({@link Slowdown#against}), so
     * that the performance check, which always runs, confirms a slowdown before it counts.
     */
    public CheckCache(Project project, Progress progress, Interpreter interpreter, Slowdown slowdown) {
        this.project = project;
        this.progress = progress;
        this.interpreter = interpreter;
        this.slowdown = slowdown;
    }

    /**
     * The results of the plan's checks on the project: from the cache when an entry for
     * exactly this tree, plan, interpreter and environment exists and {@code fresh} is
     * false (the performance check then runs alone), else from a fresh run, which is kept.
     */
    public Run run(Plan plan, CheckSuite.Options options, boolean fresh) {
        Path root = project.root();
        long t0 = System.currentTimeMillis();
        TreeFingerprint before = fingerprint(root, plan, t0);
        String inputs = CacheKey.inputs(plan, root, options);
        if (!fresh) {
            Optional<Entry> hit = lookup(before, inputs, plan, root, options);
            if (hit.isPresent()) {
                Entry e = hit.get();
                CheckReport r = e.report();
                if (!options.tests() && r.tests() != null) {
                    r = withTests(r, null);
                }
                progress.say("checks: nothing changed since they last ran; their results are used (found in "
                        + (System.currentTimeMillis() - t0) + " ms; --fresh reruns them)" + (options.performance() && plan.performance() != null
                        ? "; the performance check reruns, it is never cached" : ""));
                PerformanceResult perf = null;
                long perfMillis = 0;
                if (options.performance() && plan.performance() != null) {
                    long s = System.nanoTime();
                    perf = new CheckSuite(plan, root, progress, interpreter, slowdown).performance();
                    perfMillis = (System.nanoTime() - s) / 1_000_000;
                }
                CheckReport report = new CheckReport(r.imports(), r.functionality(), r.components(), r.componentStatus(),
                        r.data(), perf, r.tests(), perfMillis);
                return new Run(report, true, e.checkedAt(), before, true, null);
            }
        }
        CheckReport report = new CheckSuite(plan, root, progress, interpreter, slowdown).run(options);
        settle(root, plan, before, t0);
        // the tree as it is now (the key kept), and as of the first fingerprint's time (equal to it
        // exactly when nothing changed while the checks ran); in this order, so a change during
        // either walk shows in the second
        TreeFingerprint after = fingerprint(root, plan, System.currentTimeMillis());
        TreeFingerprint same = fingerprint(root, plan, t0);
        Instant at = Clocks.now();
        if (!same.equals(before)) {
            String note = "not cached: the protected files changed while the checks ran (a check writes into them,"
                    + " or something else did); the plan's logFile and cleanPatterns are the files checks may write";
            progress.say("checks: " + note);
            return new Run(report, false, at, before, false, note);
        }
        String key = CacheKey.of(after, inputs);
        try {
            Entry entry = new Entry(VERSION, after.sha256(), inputs, at, withPerformance(report, null));
            AtomicFiles.write(dir().resolve(key + ".json"), Json.bytes(entry));
            prune();
        } catch (IOException | UncheckedIOException e) {
            String note = "not cached: cannot write " + dir() + " (" + e.getMessage() + ")";
            progress.say("checks: " + note);
            return new Run(report, false, at, after, false, note);
        }
        return new Run(report, false, at, after, true, null);
    }

    /**
     * A fresh run that is neither looked up nor kept, and whose tree is not fingerprinted
     * ({@link Run#tree} null): for a scratch copy, which is removed after its one run, so an
     * entry could never be found again and the fingerprints would only cost walks of the tree.
     */
    public Run runUncached(Plan plan, CheckSuite.Options options) {
        CheckReport report = new CheckSuite(plan, project.root(), progress, interpreter, slowdown).run(options);
        return new Run(report, false, Clocks.now(), null, false, null);
    }

    /**
     * Files changed within the racy window before the checks started (a restore just wrote
     * them: {@link RacyWindow}, 250 ms on the usual local file systems, 2 s elsewhere) are
     * hashed into a fingerprint taken before that time is up, and a later look-up, which
     * trusts their metadata, would not find the entry. When the checks were that quick,
     * wait out the rest (at most the window, once) so the entry is found.
     */
    private static void settle(Path root, Plan plan, TreeFingerprint before, long t0) {
        long settled = t0 + RacyWindow.millis(root) + SETTLE_MARGIN_MILLIS;
        long wait = settled - System.currentTimeMillis();
        if (wait <= 0 || fingerprint(root, plan, settled).equals(before)) {
            return;
        }
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the cache holds results for the project as it is now (same plan, interpreter, environment). */
    public boolean holds(Plan plan, CheckSuite.Options options) {
        Path root = project.root();
        return lookup(fingerprint(root, plan, System.currentTimeMillis()), CacheKey.inputs(plan, root, options), plan, root,
                options).isPresent();
    }

    private Optional<Entry> lookup(TreeFingerprint tree, String inputs, Plan plan, Path root, CheckSuite.Options options) {
        List<String> keys = new ArrayList<>(List.of(CacheKey.of(tree, inputs)));
        if (!options.tests() && plan.tests() != null) {
            // results with the tests serve a run without them
            keys.add(CacheKey.of(tree, CacheKey.inputs(plan, root, new CheckSuite.Options(true, options.performance(), options.data()))));
        }
        for (String k : keys) {
            Path f = dir().resolve(k + ".json");
            if (!Files.isRegularFile(f)) {
                continue;
            }
            try {
                Entry e = Json.read(f, Entry.class);
                if (e.version() == VERSION && tree.sha256().equals(e.tree()) && e.report() != null) {
                    return Optional.of(e);
                }
            } catch (IOException e) {
                // a damaged entry is no entry: the checks run
            }
        }
        return Optional.empty();
    }

    private Path dir() {
        return project.state(DIR);
    }

    private void prune() throws IOException {
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir())) {
            entries = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted(Comparator.comparing(
                    (Path p) -> p.toFile().lastModified()).reversed()).toList();
        }
        for (int i = KEEP; i < entries.size(); i++) {
            Files.deleteIfExists(entries.get(i));
        }
    }

    /**
     * The fingerprint of what the checks read in {@code root}: the plan's protected folders
     * and the project's top-level files (pytest.ini, conftest.py, pom.xml...; not Markdown:
     * a report written there is no reason to check again; not the plan file either: the plan
     * as read is part of the key, so a plan put back finds its results again). Left out: generated files (the
     * plan's clean patterns, such as {@code __pycache__/}) and the plan's log file (unless a
     * data check reads it), which running the checks writes.
     */
    public static TreeFingerprint fingerprint(Path root, Plan plan) {
        return fingerprint(root, plan, System.currentTimeMillis());
    }

    static TreeFingerprint fingerprint(Path root, Plan plan, long nowMillis) {
        List<String> what = new ArrayList<>(plan.foldersOrDefault());
        try (Stream<Path> top = Files.list(root)) {
            top.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.getFileName().toString())
                    .filter(n -> !n.endsWith(".md") && !n.equals(PlanLoader.FILE_NAME) && !what.contains(n))
                    .sorted().forEach(what::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        return TreeFingerprint.of(root, what, ignored(plan), nowMillis);
    }

    /** The paths the fingerprint leaves out: generated files, and the log file the system (and its checks) append to. */
    static Predicate<String> ignored(Plan plan) {
        Globs clean = new Globs(plan.cleanOrDefault());
        String log = plan.logFile();
        boolean logRead = log != null && plan.dataOrEmpty().stream().map(DataCheck::glob).anyMatch(g -> Globs.matches(g, log));
        String ignoredLog = log == null || logRead ? null : log;
        return path -> clean.matches(path) || path.equals(ignoredLog);
    }

    private static CheckReport withPerformance(CheckReport r, PerformanceResult perf) {
        return new CheckReport(r.imports(), r.functionality(), r.components(), r.componentStatus(), r.data(), perf,
                r.tests(), r.checksMillis());
    }

    private static CheckReport withTests(CheckReport r, TestRun tests) {
        return new CheckReport(r.imports(), r.functionality(), r.components(), r.componentStatus(), r.data(),
                r.performance(), tests, r.checksMillis());
    }
}
