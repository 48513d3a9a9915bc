package dev.rollbackshell.verify;

import dev.rollbackshell.project.Clocks;
import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.backup.ManifestEntry;
import dev.rollbackshell.check.Baseline;
import dev.rollbackshell.check.Baselines;
import dev.rollbackshell.check.CheckCache;
import dev.rollbackshell.check.CheckReport;
import dev.rollbackshell.check.CheckResult;
import dev.rollbackshell.check.CheckSuite;
import dev.rollbackshell.check.Compare;
import dev.rollbackshell.check.Interpreter;
import dev.rollbackshell.check.Progress;
import dev.rollbackshell.check.Slowdown;
import dev.rollbackshell.check.TestOutcome;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.plan.ActivePlan;
import dev.rollbackshell.plan.Plan;
import dev.rollbackshell.plan.ValidationStep;
import dev.rollbackshell.project.AtomicFiles;
import dev.rollbackshell.project.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code verify}: the runbook's five validation steps after a rollback (docs/plan.md, "verify"), each
 * passed, failed (with the reason) or not configured (never a silent pass). Compared with
 * the baseline of the selected backup when there is one: a test or component that already
 * failed then does not fail verification; imports and core functionality must work.
 */
public final class Verifier {

    public static final String RESULT_FILE = "verify.json";

    private final Project project;
    private final ActivePlan active;
    private final BackupStore backups;
    private final Progress progress;

    public Verifier(Project project, ActivePlan active, BackupStore backups, Progress progress) {
        this.project = project;
        this.active = active;
        this.backups = backups;
        this.progress = progress;
    }

    /** Verifies the project; {@code backup} (may be null: no baseline) gives the baseline to compare with. */
    public Verification verify(Backup backup) {
        return verify(backup, false);
    }

    /**
     * Verifies the project; {@code fresh}: run every check again even when the cache holds
     * results for this very tree (docs/plan.md, "Nothing checked twice").
     */
    public Verification verify(Backup backup, boolean fresh) {
        long start = System.nanoTime();
        Plan plan = active.plan();
        // one run: the baseline's checks and the checks now start the same interpreter, asked for once
        Interpreter interpreter = Interpreter.of(project.root());
        Baseline baseline = backup == null ? null : new Baselines(project, active::plan, progress).of(backup, interpreter);
        Set<String> backupPaths = backup == null ? Set.of()
                : backups.manifest(backup).entries().stream().map(ManifestEntry::path).collect(Collectors.toSet());
        progress.say("verify: running the plan's validation steps" + (backup == null ? " (no backup: nothing to compare with)"
                : " (comparing with the baseline of backup " + backup.id() + ")"));
        // an unhealthy baseline is no standard to be back at: every failure counts, as without one
        Baseline standard = baseline != null && baseline.healthy() ? baseline : null;
        CheckCache.Run run = new CheckCache(project, progress, interpreter, Slowdown.against(standard, plan.performance()))
                .run(plan, CheckSuite.Options.ALL, fresh);
        CheckReport now = run.report();
        if (baseline != null && !baseline.healthy()) {
            progress.say("verify: the baseline of backup " + backup.id() + " is unhealthy (" + String.join("; ", baseline.unhealthy())
                    + "): every failure counts");
        }
        Compare cmp = new Compare(standard, now, backupPaths);
        List<Verification.Step> steps = new ArrayList<>();
        for (ValidationStep v : plan.validationOrDefault()) {
            steps.add(switch (v.id()) {
                case "imports" -> imports(v, plan, now, cmp);
                case "functionality" -> functionality(v, plan, now, cmp);
                case "data-integrity" -> data(v, plan, cmp);
                case "performance" -> performance(v, plan, cmp);
                default -> tests(v, plan, now, cmp);
            });
        }
        boolean ok = steps.stream().noneMatch(s -> s.status().equals(Verification.FAILED));
        return new Verification(ok, steps, Clocks.now(), backup == null ? null : backup.id(),
                baseline == null ? "none" : baseline.source(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                run.cached(), run.checkedAt(), run.tree().sha256());
    }

    private static Verification.Step step(ValidationStep v, String status, String detail) {
        return new Verification.Step(v.id(), v.title(), status, detail);
    }

    private Verification.Step imports(ValidationStep v, Plan plan, CheckReport now, Compare cmp) {
        if (plan.importsOrEmpty().isEmpty()) {
            return step(v, Verification.NOT_CONFIGURED, "the plan has no import checks (add 'imports:' to rollback-plan.yml)");
        }
        List<CheckResult> failing = now.importsOrEmpty().stream().filter(c -> !c.passed() && !cmp.failsAsInBaseline(c)).toList();
        if (!failing.isEmpty()) {
            return step(v, Verification.FAILED, String.join("; ", cmp.checkEvidence(failing)));
        }
        List<CheckResult> old = now.importsOrEmpty().stream().filter(cmp::failsAsInBaseline).toList();
        if (!old.isEmpty()) {
            return step(v, Verification.FAILING_AS_IN_BASELINE, asInBaseline(old) + "; the other "
                    + (now.importsOrEmpty().size() - old.size()) + " import checks pass");
        }
        int modules = plan.importsOrEmpty().stream().mapToInt(c -> c.imports() == null ? 1 : c.imports().size()).sum();
        return step(v, Verification.PASSED, modules + " imports ok (" + now.importsOrEmpty().stream().map(CheckResult::id)
                .collect(Collectors.joining(", ")) + ")");
    }

    private Verification.Step functionality(ValidationStep v, Plan plan, CheckReport now, Compare cmp) {
        if (plan.functionalityOrEmpty().isEmpty() && plan.componentsOrEmpty().isEmpty()) {
            return step(v, Verification.NOT_CONFIGURED,
                    "the plan has no functionality or component checks (add 'functionality:' or 'components:')");
        }
        List<String> problems = new ArrayList<>();
        List<CheckResult> failing = now.functionalityOrEmpty().stream().filter(c -> !c.passed() && !cmp.failsAsInBaseline(c))
                .toList();
        problems.addAll(cmp.checkEvidence(failing));
        problems.addAll(cmp.componentEvidence());
        if (!problems.isEmpty()) {
            return step(v, Verification.FAILED, String.join("; ", problems));
        }
        List<CheckResult> old = new ArrayList<>(now.functionalityOrEmpty().stream().filter(cmp::failsAsInBaseline).toList());
        old.addAll(cmp.componentsAlreadyFailing());
        if (!old.isEmpty()) {
            return step(v, Verification.FAILING_AS_IN_BASELINE, asInBaseline(old));
        }
        return step(v, Verification.PASSED, now.functionalityOrEmpty().size() + " functionality checks and "
                + now.componentsOrEmpty().size() + " components ok");
    }

    private static String asInBaseline(List<CheckResult> old) {
        return old.stream().map(c -> c.id() + ": " + c.summary()).collect(Collectors.joining("; ")) + " (fails as in the baseline)";
    }

    private Verification.Step data(ValidationStep v, Plan plan, Compare cmp) {
        if (plan.dataOrEmpty().isEmpty()) {
            return step(v, Verification.NOT_CONFIGURED, "the plan has no data checks (add 'data:' with the data files' glob)");
        }
        List<String> problems = cmp.dataProblems();
        if (!problems.isEmpty()) {
            return step(v, Verification.FAILED, String.join("; ", problems));
        }
        return step(v, Verification.PASSED, cmp.dataSummary() + ", all parse"
                + (cmp.hasBaseline() ? ", no fewer records than in the baseline" : " (no baseline to compare record counts)"));
    }

    private Verification.Step performance(ValidationStep v, Plan plan, Compare cmp) {
        if (plan.performance() == null) {
            return step(v, Verification.NOT_CONFIGURED, "the plan has no performance check (add 'performance:')");
        }
        Compare.PerfVerdict p = cmp.performance(plan.performance());
        return step(v, p.regressed() || p.failedToRun() ? Verification.FAILED : Verification.PASSED, p.line());
    }

    private Verification.Step tests(ValidationStep v, Plan plan, CheckReport now, Compare cmp) {
        if (plan.tests() == null || now.tests() == null) {
            return step(v, Verification.NOT_CONFIGURED, "the plan has no test suite (add 'tests:')");
        }
        List<TestOutcome> regressed = cmp.regressedTests();
        List<String> vanished = cmp.vanishedTests();
        var run = now.tests();
        if (!regressed.isEmpty() || !vanished.isEmpty() || run.timedOut() || run.tests().isEmpty() && !run.problems().isEmpty()) {
            return step(v, Verification.FAILED, run.summary() + ": " + String.join("; ", cmp.testEvidence()));
        }
        String detail = run.summary();
        List<TestOutcome> old = cmp.alreadyFailing();
        if (!old.isEmpty()) {
            detail += "; failing as in the baseline: " + old.stream().map(TestOutcome::id).limit(5).collect(Collectors.joining(", "))
                    + (old.size() > 5 ? " and " + (old.size() - 5) + " more" : "");
        }
        if (run.note() != null) {
            detail += " (" + run.note() + ")";
        }
        return step(v, old.isEmpty() ? Verification.PASSED : Verification.FAILING_AS_IN_BASELINE, detail);
    }

    /**
     * What a verification finds broken that the diagnosis before it did not (for
     * {@code restore suggestion N}: "worse than before, consider 'undo'"); empty when nothing
     * got worse. Each line names the step and the trigger that was quiet.
     */
    public static List<String> worseThan(dev.rollbackshell.diagnose.Diagnosis before, Verification after) {
        java.util.Set<String> fired = new java.util.HashSet<>();
        before.fired().forEach(t -> fired.add(t.id()));
        List<String> worse = new ArrayList<>();
        for (Verification.Step s : after.steps()) {
            if (!s.status().equals(Verification.FAILED)) {
                continue;
            }
            List<String> quietIf = switch (s.id()) {
                case "imports" -> List.of(dev.rollbackshell.plan.TriggerIds.STARTUP_FAILED);
                case "functionality" -> List.of(dev.rollbackshell.plan.TriggerIds.STARTUP_FAILED,
                        dev.rollbackshell.plan.TriggerIds.COMPONENT_BROKEN);
                case "data-integrity" -> List.of(dev.rollbackshell.plan.TriggerIds.DATA_DAMAGED);
                case "performance" -> List.of(dev.rollbackshell.plan.TriggerIds.PERFORMANCE_REGRESSED);
                default -> before.testsSkipped() ? List.<String>of() : List.of(dev.rollbackshell.plan.TriggerIds.TESTS_REGRESSED);
            };
            if (!quietIf.isEmpty() && quietIf.stream().noneMatch(fired::contains)) {
                worse.add((s.title() == null ? s.id() : s.title()) + " fails now (" + s.detail() + "); "
                        + String.join(" and ", quietIf) + " had not fired at the diagnosis");
            }
        }
        return worse;
    }

    /** Keeps the latest verification for the report ({@code .rollback/verify.json}). */
    public static void store(Project project, Verification v) {
        try {
            AtomicFiles.write(project.state(RESULT_FILE), Json.bytes(v));
        } catch (IOException e) {
            // the report will lack it; the session timeline still records the outcome
        }
    }

    /** The latest verification kept for this project, if any. */
    public static Optional<Verification> latest(Project project) {
        Path f = project.state(RESULT_FILE);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.read(f, Verification.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
