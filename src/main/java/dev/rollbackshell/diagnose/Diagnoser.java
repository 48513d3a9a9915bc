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
import dev.rollbackshell.check.TestOutcome;
import dev.rollbackshell.plan.ActivePlan;
import dev.rollbackshell.plan.Plan;
import dev.rollbackshell.plan.TriggerIds;
import dev.rollbackshell.project.Project;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
        CheckCache cache = new CheckCache(project, progress, interpreter);
        CheckCache.Run run = cached ? cache.run(plan, CheckSuite.Options.skipTests(skipTests), fresh)
                : cache.runUncached(plan, CheckSuite.Options.skipTests(skipTests));
        CheckReport now = run.report();
        stages.mark("checks");
        Set<String> backupPaths = manifest.entries().stream().map(ManifestEntry::path).collect(Collectors.toSet());
        // an unhealthy baseline cannot tell regressions: what fails now counts, as without one
        Compare cmp = new Compare(baseline.healthy() ? baseline : null, now, backupPaths);
        List<String> baselineNotes = new ArrayList<>(baseline.notes());
        String otherCommand = otherTestCommand(baseline, now);
        if (otherCommand != null) {
            baselineNotes.add(otherCommand);
        }
        if (!baseline.healthy()) {
            progress.say("diagnose: the baseline of backup " + backup.id() + " is unhealthy (" + String.join("; ",
                    baseline.unhealthy()) + "): every failure counts");
        }

        List<Diagnosis.Trigger> triggers = new ArrayList<>();
        List<TestOutcome> regressed = cmp.regressedTests();
        // tests-regressed
        if (plan.tests() == null) {
            triggers.add(new Diagnosis.Trigger(TriggerIds.TESTS_REGRESSED, false, List.of("not configured: the plan has no tests")));
        } else if (skipTests) {
            triggers.add(new Diagnosis.Trigger(TriggerIds.TESTS_REGRESSED, false, List.of("not checked (--skip-tests)")));
        } else {
            List<String> ev = cmp.testEvidence();
            boolean fired = !regressed.isEmpty() || !cmp.vanishedTests().isEmpty()
                    || now.tests().timedOut() || now.tests().tests().isEmpty() && !now.tests().problems().isEmpty();
            if (!fired) {
                ev = new ArrayList<>(List.of(now.tests().summary() + (cmp.alreadyFailing().isEmpty() ? ""
                        : "; " + cmp.alreadyFailing().size() + " failing as in the baseline")));
            } else if (!cmp.hasBaseline() || baseline.checks().tests() == null) {
                ev = new ArrayList<>(ev);
                ev.add(0, "no test results in the baseline: every failing test counts");
            }
            triggers.add(new Diagnosis.Trigger(TriggerIds.TESTS_REGRESSED, fired, ev));
        }
        // startup-failed
        List<CheckResult> startup = cmp.failingStartupChecks();
        List<String> moduleProblems = now.tests() == null ? List.of() : now.tests().problems().stream()
                .filter(p -> p.contains("does not import") || p.contains("collection error")).toList();
        if (plan.importsOrEmpty().isEmpty() && plan.functionalityOrEmpty().isEmpty() && moduleProblems.isEmpty()) {
            triggers.add(new Diagnosis.Trigger(TriggerIds.STARTUP_FAILED, false,
                    List.of("not configured: the plan has no import or functionality checks")));
        } else {
            List<String> ev = new ArrayList<>(cmp.checkEvidence(startup));
            ev.addAll(moduleProblems);
            boolean fired = !ev.isEmpty();
            List<CheckResult> old = cmp.startupFailingAsInBaseline();
            if (!fired) {
                int all = now.importsOrEmpty().size() + now.functionalityOrEmpty().size();
                ev.add(old.isEmpty() ? all + " import and functionality checks pass"
                        : (all - old.size()) + " of " + all + " import and functionality checks pass");
            }
            old.forEach(c -> ev.add(c.id() + " fails as in the baseline (not a regression): " + c.summary()));
            triggers.add(new Diagnosis.Trigger(TriggerIds.STARTUP_FAILED, fired, ev));
        }
        // data-damaged
        List<String> dataProblems = cmp.dataProblems();
        if (plan.dataOrEmpty().isEmpty()) {
            triggers.add(new Diagnosis.Trigger(TriggerIds.DATA_DAMAGED, false, List.of("not configured: the plan has no data checks")));
        } else {
            triggers.add(new Diagnosis.Trigger(TriggerIds.DATA_DAMAGED, !dataProblems.isEmpty(),
                    dataProblems.isEmpty() ? List.of(cmp.dataSummary() + ", all parse"
                            + (cmp.hasBaseline() ? ", none fewer than in the baseline" : "")) : dataProblems));
        }
        // performance-regressed
        Compare.PerfVerdict perf = cmp.performance(plan.performance());
        if (perf == null) {
            triggers.add(new Diagnosis.Trigger(TriggerIds.PERFORMANCE_REGRESSED, false,
                    List.of("not configured: the plan has no performance check")));
        } else {
            triggers.add(new Diagnosis.Trigger(TriggerIds.PERFORMANCE_REGRESSED, perf.regressed(), List.of(perf.line())));
        }
        // component-broken
        List<CheckResult> broken = cmp.brokenComponents();
        if (plan.componentsOrEmpty().isEmpty()) {
            triggers.add(new Diagnosis.Trigger(TriggerIds.COMPONENT_BROKEN, false,
                    List.of("not configured: the plan has no component checks")));
        } else {
            List<String> ev = broken.isEmpty()
                    ? List.of(now.componentsOrEmpty().size() + " components work"
                            + (cmp.componentsAlreadyFailing().isEmpty() ? "" : " or fail as in the baseline ("
                                    + cmp.componentsAlreadyFailing().stream().map(CheckResult::id).collect(Collectors.joining(", ")) + ")"))
                    : cmp.componentEvidence();
            triggers.add(new Diagnosis.Trigger(TriggerIds.COMPONENT_BROKEN, !broken.isEmpty(), ev));
        }
        boolean healthy = triggers.stream().noneMatch(Diagnosis.Trigger::fired) && baseline.healthy();

        stages.mark("triggers");
        // the files the failures name
        List<String> failureTexts = new ArrayList<>();
        startup.forEach(c -> failureTexts.add(c.output()));
        broken.forEach(c -> failureTexts.add(c.output()));
        regressed.forEach(t -> failureTexts.add(t.detail()));
        if (now.tests() != null && !now.tests().problems().isEmpty()) {
            failureTexts.add(now.tests().output());
        }
        if (now.performance() != null && !now.performance().ok()) {
            failureTexts.add(now.performance().output());
        }
        Set<String> known = new HashSet<>(backupPaths);
        known.addAll(changes.added());
        FileReferences refs = new FileReferences(project.root(), List.of(), pythonRoots(plan), known);
        Set<String> changedSet = new HashSet<>(changes.all());
        Map<String, String> implicatedBy = new LinkedHashMap<>();
        if (!healthy) {
            // changed files that no longer parse, with the line of the error
            List<String> parsable = new ArrayList<>();
            changes.modified().stream().filter(ParseErrors::parsable).forEach(parsable::add);
            changes.added().stream().filter(ParseErrors::parsable).forEach(parsable::add);
            ParseErrors.find(plan, project.root(), parsable, backup::copyOf).forEach((path, error) -> implicatedBy.put(path,
                    "does not parse (" + error + "), " + changeKind(changes, path) + " since the backup"));
            for (String text : failureTexts) {
                refs.find(text).forEach((path, how) -> {
                    if (changedSet.contains(path)) {
                        implicatedBy.putIfAbsent(path, how + ", " + changeKind(changes, path) + " since the backup");
                    }
                });
            }
            // classes the error lines name ('FeedbackLoopManager' object has no attribute..., X.__init__() missing...)
            Set<String> classes = new LinkedHashSet<>();
            for (String text : failureTexts) {
                FailureText.errorLines(text).forEach(l -> classes.addAll(ClassNames.named(l)));
            }
            startup.forEach(c -> classes.addAll(ClassNames.named(c.summary())));
            broken.forEach(c -> classes.addAll(ClassNames.named(c.summary())));
            for (String path : changes.all()) {
                if (implicatedBy.containsKey(path)) {
                    continue;
                }
                Path file = changes.deleted().contains(path) ? backup.copyOf(path) : project.file(path);
                ClassNames.definedIn(file, classes).ifPresent(name -> implicatedBy.put(path,
                        "defines " + name + ", named in the errors; " + changeKind(changes, path) + " since the backup"));
            }
            for (String line : dataProblems) {
                String path = Compare.pathOf(line);
                if (changedSet.contains(path)) {
                    implicatedBy.putIfAbsent(path, "damaged data: " + line.substring(path.length() + 2));
                }
            }
        }
        // the changed files failing tests import
        Set<String> related = new TreeSet<>();
        List<String> testDirs = plan.tests() == null || plan.tests().paths() == null ? List.of("tests", "test")
                : plan.tests().paths();
        for (TestOutcome t : regressed) {
            String file = SourceImports.testFile(t.id(), t.file(), testDirs, known, project.root());
            if (file == null) {
                continue;
            }
            if (changedSet.contains(file)) {
                implicatedBy.putIfAbsent(file, "the failing test " + t.id() + " lives here; " + changeKind(changes, file)
                        + " since the backup");
            }
            for (String imported : SourceImports.closure(file, project.root(), refs, known, 3)) {
                if (changedSet.contains(imported) && !implicatedBy.containsKey(imported)) {
                    related.add(imported);
                }
            }
        }
        List<String> implicated = new ArrayList<>(new TreeSet<>(implicatedBy.keySet()));
        Map<String, String> implicatedSorted = new LinkedHashMap<>();
        implicated.forEach(p -> implicatedSorted.put(p, implicatedBy.get(p)));

        stages.mark("implicated");
        List<Diagnosis.ScenarioMatch> scenarios = List.of();
        if (!healthy) {
            List<String> errorLines = new ArrayList<>();
            for (String text : failureTexts) {
                errorLines.addAll(FailureText.errorLines(text));
            }
            startup.forEach(c -> errorLines.add(c.summary()));
            broken.forEach(c -> errorLines.add(c.summary()));
            // "import src.x:Y failed: E" and "module src.x not importable: E" are about E, not about what was imported
            errorLines.replaceAll(l -> l.startsWith("import ") && l.contains(" failed: ") ? l.substring(l.indexOf(" failed: ") + 9)
                    : l.startsWith("module ") && l.contains(" not importable: ") ? l.substring(l.indexOf(" not importable: ") + 17) : l);
            Set<String> fired = triggers.stream().filter(Diagnosis.Trigger::fired).map(Diagnosis.Trigger::id)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            ScenarioMatcher.Seen seen = new ScenarioMatcher.Seen(fired, errorLines, failingTestNames(regressed, cmp),
                    broken.stream().map(CheckResult::id).collect(Collectors.toSet()),
                    startup.stream().map(CheckResult::id).collect(Collectors.toSet()), changes, implicated);
            scenarios = ScenarioMatcher.match(plan, seen);
        }

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
        List<String> failing = failingTestNames(regressed, cmp);
        return new Diagnosis(healthy, backup.id(), triggers, changes, implicated, scenarios, Clocks.now(),
                active.source(), baseline.source(), baselineNotes, implicatedSorted, new ArrayList<>(related), failing,
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
        if (then == null || today == null || then.equals(today)) {
            return null;
        }
        return "the baseline ran the tests with '" + String.join(" ", then) + "'; the plan runs '" + String.join(" ", today)
                + "' now, so their results may not compare";
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

    private static String changeKind(Changes c, String path) {
        return c.deleted().contains(path) ? "deleted" : c.added().contains(path) ? "added" : "modified";
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
