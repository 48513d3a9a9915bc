package dev.rollbackshell.scratch;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.check.CheckReport;
import dev.rollbackshell.check.CheckResult;
import dev.rollbackshell.check.CheckSuite;
import dev.rollbackshell.check.DataResult;
import dev.rollbackshell.check.Interpreter;
import dev.rollbackshell.check.Progress;
import dev.rollbackshell.check.TestRun;
import dev.rollbackshell.diagnose.Diagnoser;
import dev.rollbackshell.diagnose.Diagnosis;
import dev.rollbackshell.diagnose.Proof;
import dev.rollbackshell.plan.ActivePlan;
import dev.rollbackshell.plan.DataCheck;
import dev.rollbackshell.plan.Plan;
import dev.rollbackshell.project.Globs;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.RollbackException;
import dev.rollbackshell.restore.ActionRestore;
import dev.rollbackshell.restore.RestoreAction;
import dev.rollbackshell.restore.Restorer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One candidate tried in a scratch copy, for {@link Prover}: the copy made (the plan's data
 * files and logs copied, not linked; the project's computed baselines shared), the
 * candidate's actions applied to it, then either the copy diagnosed against the backup
 * (a {@link Proof}: heals when no trigger fires) or the checks judged on their own, without
 * a baseline (the problems found). A copy that cannot be made leaves the candidate unproven.
 * Which candidates are tried, in what order and how many at once is {@link Prover}'s.
 */
final class CandidateTrial {

    private final Project project;
    private final ActivePlan active;
    private final BackupStore backups;
    private final Progress progress;

    CandidateTrial(Project project, ActivePlan active, BackupStore backups, Progress progress) {
        this.project = project;
        this.active = active;
        this.backups = backups;
        this.progress = progress;
    }

    /**
     * Applies {@code actions} to a fresh scratch copy and diagnoses it against {@code backup};
     * heals when no trigger fires there.
     */
    Prover.Result prove(List<RestoreAction> actions, Backup backup, Diagnosis before, Progress inner, String tag) {
        try {
            return proveIn(actions, backup, before, inner, tag);
        } catch (java.io.UncheckedIOException e) {
            // no room (or no right) to make the scratch copy: the suggestion stands, unproven; the copy is removed
            String why = "not tried: the scratch copy could not be made or used (" + dev.rollbackshell.project.Failures.describe(e) + ")";
            progress.say(tag + ": " + why);
            return new Prover.Result(Proof.notTried(why), null);
        }
    }

    private Prover.Result proveIn(List<RestoreAction> actions, Backup backup, Diagnosis before, Progress inner, String tag) {
        long start = System.nanoTime();
        Plan plan = active.plan();
        try (ScratchCopy sc = ScratchCopy.create(project, copiedFiles(plan))) {
            shareBaselines(sc);
            try {
                new ActionRestore(new Restorer(project, backups, inner::say)).withChanges(actions, changes -> {
                    sc.apply(changes);
                    return null;
                });
            } catch (RollbackException e) {
                double secs = Prover.round((System.nanoTime() - start) / 1e9);
                progress.say(tag + ": cannot be applied: " + e.getMessage());
                return new Prover.Result(new Proof(Proof.Status.FAILS, List.of(), secs, "cannot be applied: " + e.getMessage()), null);
            }
            Diagnosis after = new Diagnoser(sc.project(), active, backups, inner).uncached().diagnose(backup,
                    before != null && before.testsSkipped());
            double secs = Prover.round((System.nanoTime() - start) / 1e9);
            Proof proof = proofOf(before, after, secs);
            progress.say(tag + ": " + proof.text());
            return new Prover.Result(proof, after);
        }
    }

    /**
     * Applies {@code actions} to a fresh scratch copy and runs the plan's checks there (not
     * the performance check: a state judged on its own has no baseline to time against).
     * Returns the problems found, empty when every check passes outright; a candidate that
     * cannot be applied is one problem.
     */
    List<String> problemsOutright(List<RestoreAction> actions, boolean skipTests, Progress inner) {
        try {
            return problemsOutrightIn(actions, skipTests, inner);
        } catch (java.io.UncheckedIOException e) {
            return List.of("not tried: the scratch copy could not be made or used ("
                    + dev.rollbackshell.project.Failures.describe(e) + ")");
        }
    }

    private List<String> problemsOutrightIn(List<RestoreAction> actions, boolean skipTests, Progress inner) {
        try (ScratchCopy sc = ScratchCopy.create(project, copiedFiles(active.plan()))) {
            try {
                new ActionRestore(new Restorer(project, backups, inner::say)).withChanges(actions, changes -> {
                    sc.apply(changes);
                    return null;
                });
            } catch (RollbackException e) {
                return List.of("cannot be applied: " + e.getMessage());
            }
            CheckReport r = new CheckSuite(active.plan(), sc.root(), inner, Interpreter.of(sc.root())).run(new CheckSuite.Options(!skipTests, false, true));
            return outrightProblems(r);
        }
    }

    /** What fails in a run of the checks judged on its own (no baseline): failing checks, broken tests, unparseable data. */
    static List<String> outrightProblems(CheckReport r) {
        List<String> out = new ArrayList<>();
        List<CheckResult> checks = new ArrayList<>(r.importsOrEmpty());
        checks.addAll(r.functionalityOrEmpty());
        checks.addAll(r.componentsOrEmpty());
        checks.stream().filter(c -> !c.passed()).forEach(c -> out.add(c.id() + ": " + c.summary()));
        for (DataResult d : r.dataOrEmpty()) {
            d.files().stream().filter(f -> !f.parsed()).forEach(f -> out.add(f.path() + ": does not parse"));
        }
        TestRun t = r.tests();
        if (t != null && (!t.ok() || !t.problems().isEmpty())) {
            out.add("tests: " + t.summary() + (t.problems().isEmpty() ? "" : "; " + t.problems().get(0)));
        }
        return out;
    }

    static Proof proofOf(Diagnosis before, Diagnosis after, double seconds) {
        List<String> fired = after.fired().stream().map(Diagnosis.Trigger::id).toList();
        if (fired.isEmpty()) {
            long checked = after.triggers().stream().filter(t -> t.evidence().isEmpty()
                    || !t.evidence().get(0).startsWith("not ")).count();
            return new Proof(Proof.Status.HEALS, List.of(), seconds, "all " + checked + " checked triggers quiet");
        }
        Set<String> was = new HashSet<>();
        if (before != null) {
            before.fired().forEach(t -> was.add(t.id()));
        }
        List<String> parts = new ArrayList<>();
        for (Diagnosis.Trigger t : after.fired()) {
            parts.add(t.id() + (before != null && !was.contains(t.id()) ? " (new)" : ""));
        }
        return new Proof(Proof.Status.FAILS, fired, seconds, "still failing: " + String.join(", ", parts));
    }

    /**
     * Files copied, not linked, into a scratch copy: the plan's data files and log, which a
     * check might write in place (a link would carry that write into the project).
     */
    static Predicate<String> copiedFiles(Plan plan) {
        List<String> globs = new ArrayList<>();
        for (DataCheck dc : plan.dataOrEmpty()) {
            globs.add(dc.glob());
        }
        String log = plan.logFile() == null ? "data/logs/system.log" : plan.logFile();
        return path -> path.equals(log) || path.endsWith(".log") || globs.stream().anyMatch(g -> Globs.matches(g, path));
    }

    /** Baselines computed for hand-made backups live in the project's .rollback/baselines/: the copy reads the same ones. */
    private void shareBaselines(ScratchCopy sc) {
        Path from = project.state("baselines");
        if (!Files.isDirectory(from)) {
            return;
        }
        try (var files = Files.list(from)) {
            Path to = sc.project().state("baselines");
            Files.createDirectories(to);
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, to.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            // without them the baseline is computed again in the copy: slower, same answer
        }
    }
}
