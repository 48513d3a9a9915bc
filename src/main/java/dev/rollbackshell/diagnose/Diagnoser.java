package dev.rollbackshell.diagnose;

import dev.rollbackshell.project.Clocks;
import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.backup.ChangeDetector;
import dev.rollbackshell.backup.Changes;
import dev.rollbackshell.backup.Manifest;
import dev.rollbackshell.backup.ManifestEntry;
import dev.rollbackshell.check.Baseline;
import dev.rollbackshell.check.Baselines;
import dev.rollbackshell.check.CheckCache;
import dev.rollbackshell.check.CheckReport;
import dev.rollbackshell.check.CheckResult;
import dev.rollbackshell.check.CheckSuite;
import dev.rollbackshell.check.Compare;
import dev.rollbackshell.check.FailureText;
import dev.rollbackshell.check.Interpreter;
import dev.rollbackshell.project.Globs;
import dev.rollbackshell.check.Progress;
import dev.rollbackshell.check.Slowdown;
import dev.rollbackshell.check.TestOutcome;
import dev.rollbackshell.check.TestRunner;
import dev.rollbackshell.plan.ActivePlan;
import dev.rollbackshell.plan.Plan;
import dev.rollbackshell.project.Project;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code diagnose}: runs the plan's checks on the project, compares them with the selected
 * backup's baseline, and evaluates the runbook's five triggers (docs/plan.md, "diagnose"); lists what
 * changed since the backup, the changed files the failures name, and the scenarios that
 * match. Reads the project only.
 */
public final class Diagnoser {

    private final Project project;
    private final ActivePlan active;
    private final BackupStore backups;
    private final Baselines baselines;
    private final Progress progress;
    private final boolean cached;

    public Diagnoser(Project project, ActivePlan active, BackupStore backups, Progress progress) {
        this(project, active, backups, progress, true);
    }

    private Diagnoser(Project project, ActivePlan active, BackupStore backups, Progress progress, boolean cached) {
        this.project = project;
        this.active = active;
        this.backups = backups;
        this.progress = progress;
        this.cached = cached;
        this.baselines = new Baselines(project, active::plan, progress);
    }

    /**
     * The same without the check cache (for a scratch copy, diagnosed once and removed): the
     * checks run fresh, nothing is kept, the tree is not fingerprinted ({@link Diagnosis#tree} null).
     */
    public Diagnoser uncached() {
        return new Diagnoser(project, active, backups, progress, false);
    }

    /** Diagnoses the project against {@code backup}, with the checks' results from the cache when nothing changed. */
    public Diagnosis diagnose(Backup backup, boolean skipTests) {
        return diagnose(backup, skipTests, false);
    }

    /**
     * Diagnoses the project against {@code backup}; {@code fresh}: run every check again
     * even when the cache holds results for this very tree (docs/plan.md, "Nothing checked twice").
     */
    public Diagnosis diagnose(Backup backup, boolean skipTests, boolean fresh) {
        long start = System.nanoTime();
        Stages stages = new Stages(start);
        Plan plan = active.plan();
        progress.say("diagnose: comparing with backup " + backup.id() + (backup.manual() ? " (made by hand)" : "")
                + ", plan " + active.source());
        Manifest manifest = backups.manifest(backup);
        Changes changes = changes(project, plan, manifest);
        stages.mark("changes");

        long baselineChecks = 0;
        // one run: the baseline's checks and the checks now start the same interpreter, asked for once
        Interpreter interpreter = Interpreter.of(project.root());
        Baseline baseline = baselines.stored(backup).orElse(null);
        if (baseline == null) {
            baseline = baselines.of(backup, interpreter);
            baselineChecks = baseline.checks().checksMillis();
        }
        stages.mark("baseline");
        progress.say("now: running the plan's checks on the project" + (skipTests ? " (not the tests: --skip-tests)" : ""));
        // an unhealthy baseline cannot tell regressions: what fails now counts, as without one
        Baseline standard = baseline.healthy() ? baseline : null;
        CheckCache cache = new CheckCache(project, progress, interpreter, Slowdown.against(standard, plan.performance()));
        CheckCache.Run run = cached ? cache.run(plan, CheckSuite.Options.skipTests(skipTests), fresh)
                : cache.runUncached(plan, CheckSuite.Options.skipTests(skipTests));
        CheckReport now = run.report();
        stages.mark("checks");
        Set<String> backupPaths = manifest.entries().stream().map(ManifestEntry::path).collect(Collectors.toSet());
        Compare cmp = new Compare(standard, now, backupPaths);
        List<String> baselineNotes = new ArrayList<>(baseline.notes());
        String otherCommand = otherTestCommand(baseline, now);
        if (otherCommand != null) {
            baselineNotes.add(otherCommand);
        }
        if (!baseline.healthy()) {
            progress.say("diagnose: the baseline of backup " + backup.id() + " is unhealthy (" + String.join("; ",
                    baseline.unhealthy()) + "): every failure counts");
        }

        TriggerInput in = TriggerInput.of(plan, now, cmp, baseline, skipTests);
        List<Diagnosis.Trigger> triggers = new ArrayList<>();
        TriggerEvaluator.IN_ORDER.forEach(t -> triggers.add(t.evaluate(in)));
        boolean healthy = triggers.stream().noneMatch(Diagnosis.Trigger::fired) && baseline.healthy();

        stages.mark("triggers");
        List<String> failureTexts = in.failureTexts();
        Implicated implicated = Implicated.find(project, plan, backup, changes, backupPaths, in, failureTexts, healthy);

        stages.mark("implicated");
        List<Diagnosis.ScenarioMatch> scenarios = healthy ? List.of()
                : ScenarioMatcher.match(plan, seen(in, triggers, failureTexts, changes, implicated.paths()));

        stages.mark("scenarios");
        Map<String, String> status = null;
        if (now.componentStatus() != null) {
            status = new LinkedHashMap<>();
            for (var e : now.componentStatus().entrySet()) {
                status.put(e.getKey(), e.getValue() ? "present" : "absent");
            }
        }
        long total = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        long checks = now.checksMillis() + baselineChecks;
        List<String> failing = failingTestNames(in.regressed(), cmp);
        return new Diagnosis(healthy, backup.id(), triggers, changes, implicated.paths(), scenarios, Clocks.now(),
                active.source(), baseline.source(), baselineNotes, implicated.by(), implicated.related(), failing,
                status, skipTests, new Diagnosis.Timing(total, checks, Math.max(0, total - checks), stages.millis),
                run.cached(), run.checkedAt(), run.tree() == null ? null : run.tree().sha256(), baseline.unhealthy(), null);
    }

    /** "the baseline ran the tests with X; the plan runs Y now" when the test command changed since, else null. */
    static String otherTestCommand(Baseline baseline, CheckReport now) {
        if (baseline.checks() == null || baseline.checks().tests() == null || now.tests() == null) {
            return null;
        }
        List<String> then = baseline.checks().tests().command();
        List<String> today = now.tests().command();
        if (then == null || today == null || TestRunner.comparable(then).equals(TestRunner.comparable(today))) {
            return null;
        }
        return "the baseline ran the tests with '" + String.join(" ", then) + "'; the plan runs '" + String.join(" ", today)
                + "' now, so their results may not compare";
    }

    /** What the scenarios are matched on: the fired triggers, the error lines, the failing tests and checks, the files. */
    private static ScenarioMatcher.Seen seen(TriggerInput in, List<Diagnosis.Trigger> triggers, List<String> failureTexts,
            Changes changes, List<String> implicated) {
        List<String> errorLines = new ArrayList<>();
        for (String text : failureTexts) {
            errorLines.addAll(FailureText.errorLines(text));
        }
        in.startup().forEach(c -> errorLines.add(c.summary()));
        in.broken().forEach(c -> errorLines.add(c.summary()));
        // "import src.x:Y failed: E" and "module src.x not importable: E" are about E, not about what was imported
        errorLines.replaceAll(l -> l.startsWith("import ") && l.contains(" failed: ") ? l.substring(l.indexOf(" failed: ") + 9)
                : l.startsWith("module ") && l.contains(" not importable: ") ? l.substring(l.indexOf(" not importable: ") + 17) : l);
        Set<String> fired = triggers.stream().filter(Diagnosis.Trigger::fired).map(Diagnosis.Trigger::id)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return new ScenarioMatcher.Seen(fired, errorLines, failingTestNames(in.regressed(), in.cmp()),
                in.broken().stream().map(CheckResult::id).collect(Collectors.toSet()),
                in.startup().stream().map(CheckResult::id).collect(Collectors.toSet()), changes, implicated);
    }

    /** Milliseconds spent in each stage, in order (the checks' stage includes the external commands). */
    private static final class Stages {
        final Map<String, Long> millis = new LinkedHashMap<>();
        long last;

        Stages(long start) {
            last = start;
        }

        void mark(String stage) {
            long now = System.nanoTime();
            millis.put(stage, TimeUnit.NANOSECONDS.toMillis(now - last));
            last = now;
        }
    }

    /** Tests that regressed, by name: single tests, and the tests of a module that no longer loads. */
    private static List<String> failingTestNames(List<TestOutcome> regressed, Compare cmp) {
        List<String> names = new ArrayList<>();
        regressed.stream().filter(t -> !Compare.isModuleFailure(t)).forEach(t -> names.add(t.id()));
        cmp.vanishedTests().stream().filter(n -> !names.contains(n)).forEach(names::add);
        return names;
    }

    /** What changed in the protected folders the backup holds, leaving out generated files (the plan's clean patterns). */
    public static Changes changes(Project project, Plan plan, Manifest manifest) {
        List<String> folders = plan.foldersOrDefault().stream().filter(manifest.folders()::contains).toList();
        Changes raw = ChangeDetector.compare(project, manifest, folders);
        List<String> clean = plan.cleanOrDefault();
        return new Changes(keep(raw.added(), clean), keep(raw.modified(), clean), keep(raw.deleted(), clean));
    }

    /** Leaves out what a clean pattern matches, or what lies inside a folder one matches ({@code __pycache__/x.pyc}). */
    private static List<String> keep(List<String> paths, List<String> cleanPatterns) {
        Globs generated = new Globs(cleanPatterns);
        return paths.stream().filter(p -> !generated.matches(p)).toList();
    }

    /** Where Python looks for modules in this plan: the PYTHONPATH entries (project-relative), and the project. */
    static List<String> pythonRoots(Plan plan) {
        List<String> roots = new ArrayList<>();
        String pp = plan.envOrEmpty().get("PYTHONPATH");
        if (pp != null) {
            for (String part : pp.split(":")) {
                String r = part.strip();
                if (r.equals(".") || r.isEmpty()) {
                    r = "";
                } else if (r.startsWith("./")) {
                    r = r.substring(2);
                }
                if (!Path.of(r).isAbsolute() && !roots.contains(r)) {
                    roots.add(r);
                }
            }
        }
        if (!roots.contains("")) {
            roots.add("");
        }
        for (String extra : List.of("src", "tests", "test")) {
            if (!roots.contains(extra)) {
                roots.add(extra);
            }
        }
        return roots;
    }
}
