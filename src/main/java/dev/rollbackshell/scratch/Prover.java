package dev.rollbackshell.scratch;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.check.Progress;
import dev.rollbackshell.diagnose.Diagnoser;
import dev.rollbackshell.diagnose.Diagnosis;
import dev.rollbackshell.diagnose.Proof;
import dev.rollbackshell.restore.RestoreAction;
import dev.rollbackshell.diagnose.Suggestion;
import dev.rollbackshell.diagnose.Suggestions;
import dev.rollbackshell.plan.ActivePlan;
import dev.rollbackshell.project.Meter;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.RollbackException;
import dev.rollbackshell.project.Printable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Proves rollback candidates (docs/plan.md#suggest): each is applied to a scratch copy of
 * the project and the plan's checks run there, through the same {@link Diagnoser} as on the
 * project (same commands, environment, time-outs, baseline). A candidate heals when no
 * trigger fires in its copy. Least invasive first, two at a time (the performance check
 * still runs alone, see {@link dev.rollbackshell.check.CheckLanes}), until one heals (or all,
 * with {@link Mode#ALL}). The project, its {@code .git} and the backups are only read.
 */
public final class Prover {

    /** How much to prove. */
    public enum Mode {
        NONE("none"), UNTIL_HEALED("until-healed"), ALL("all");

        private final String id;

        Mode(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** What one proof found, with the diagnosis of the scratch copy (null when it could not be applied). */
    public record Result(Proof proof, Diagnosis after) {
    }

    private static final int LANES = 2;

    private final Project project;
    private final ActivePlan active;
    private final BackupStore backups;
    private final Progress progress;
    private final CandidateTrial trial;

    public Prover(Project project, ActivePlan active, BackupStore backups, Progress progress) {
        this.project = project;
        this.active = active;
        this.backups = backups;
        this.progress = progress;
        this.trial = new CandidateTrial(project, active, backups, progress);
    }

    /**
     * Proves the suggestions and ranks them again ({@link #rank}): the least invasive proven
     * healer first.
     */
    public Suggestions prove(Suggestions s, Diagnosis d, Mode mode) {
        ScratchCopy.sweep(project);
        List<Suggestion> list = s.suggestions();
        if (mode == Mode.NONE || list.isEmpty()) {
            List<Suggestion> out = list.stream().map(x -> x.withProof(Proof.notTried("not proven (--no-prove)"))).toList();
            return s.with(out, s.knownGood(), s.escalate(), new Suggestions.Proving(Mode.NONE.id(), 0, 0));
        }
        Backup backup = backups.find(d.backup()).orElseThrow(() -> RollbackException.badInput("backup " + d.backup()
                + " of the latest diagnosis no longer exists; run 'diagnose' again"));
        long start = System.nanoTime();
        Proof[] proofs = new Proof[list.size()];
        ExecutorService pool = Executors.newFixedThreadPool(LANES, r -> {
            Thread t = new Thread(r, "prove");
            t.setDaemon(true);
            return t;
        });
        int proven = 0;
        try (Meter.Task meter = Meter.start("proving", "candidates", list.size(), 0, false)) {
            List<Future<Result>> futures = new ArrayList<>();
            int next = 0;
            boolean healed = false;
            for (int i = 0; i < list.size(); i++) {
                while ((mode == Mode.ALL || !healed) && next < list.size() && next < i + LANES) {
                    Suggestion candidate = list.get(next);
                    int of = list.size();
                    futures.add(pool.submit(() -> proveOne(candidate, of, backup, d)));
                    next++;
                }
                if (i >= futures.size()) {
                    break;
                }
                proofs[i] = get(futures.get(i)).proof();
                proven++;
                meter.add(1, 0);
                healed |= proofs[i].heals();
                if (healed && mode != Mode.ALL) {
                    // the more invasive ones still running cannot outrank it: stop them rather than wait
                    for (int j = i + 1; j < futures.size(); j++) {
                        if (futures.get(j).cancel(true)) {
                            progress.say("prove " + list.get(j).rank() + "/" + list.size()
                                    + ": stopped, a less invasive suggestion heals");
                        }
                    }
                    break;
                }
            }
        } finally {
            pool.shutdownNow();
            awaitCleanUp(pool);
        }
        List<Suggestion> withProofs = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Proof p = proofs[i] != null ? proofs[i] : Proof.notTried("not tried: a less invasive suggestion heals");
            withProofs.add(list.get(i).withProof(p));
        }
        List<Suggestion> ranked = rank(withProofs);
        double seconds = (System.nanoTime() - start) / 1e9;
        progress.say(String.format(Locale.ROOT, "suggest: proved %d of %d suggestions in %.1fs%s", proven, list.size(), seconds,
                ranked.stream().noneMatch(x -> x.proof().heals()) ? ": none heals" : ""));
        return s.with(ranked, s.knownGood(), s.escalate(), new Suggestions.Proving(mode.id(), proven, round(seconds)));
    }

    /** Waits (a while) for stopped proofs to end their commands and remove their scratch copies. */
    private static void awaitCleanUp(ExecutorService pool) {
        try {
            pool.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // what is left is swept by the next run
        }
    }

    private static Result get(Future<Result> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while proving", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(c);
        }
    }

    /**
     * The order after proving, each group least invasive first: the proven healers; then
     * those not tried (they may heal); then those proven to fail, which are no help and so
     * come last.
     */
    public static List<Suggestion> rank(List<Suggestion> proven) {
        List<Suggestion> ranked = new ArrayList<>();
        for (Proof.Status group : List.of(Proof.Status.HEALS, Proof.Status.NOT_TRIED, Proof.Status.FAILS)) {
            for (Suggestion x : proven) {
                if (x.proof() != null && x.proof().status() == group || x.proof() == null && group == Proof.Status.NOT_TRIED) {
                    ranked.add(x.withRank(ranked.size() + 1));
                }
            }
        }
        return ranked;
    }

    private Result proveOne(Suggestion s, int of, Backup backup, Diagnosis before) {
        String tag = "prove " + s.rank() + "/" + of;
        progress.say(tag + ": " + s.kind() + " " + shortList(s.paths()) + " from " + s.from() + ", in a scratch copy");
        Progress inner = m -> progress.say(tag + ": " + m.strip());
        return prove(s.actions(), backup, before, inner, tag);
    }

    /**
     * Applies {@code actions} to a fresh scratch copy and diagnoses it against {@code backup};
     * heals when no trigger fires there.
     */
    public Result prove(List<RestoreAction> actions, Backup backup, Diagnosis before, Progress inner, String tag) {
        return trial.prove(actions, backup, before, inner, tag);
    }

    /**
     * Applies {@code actions} to a fresh scratch copy and runs the plan's checks there (not
     * the performance check: a state judged on its own has no baseline to time against).
     * Returns the problems found, empty when every check passes outright; a candidate that
     * cannot be applied is one problem.
     */
    public List<String> problemsOutright(List<RestoreAction> actions, boolean skipTests, Progress inner) {
        return trial.problemsOutright(actions, skipTests, inner);
    }

    private static String shortList(List<String> paths) {
        return paths.size() <= 3 ? String.join(", ", Printable.names(paths))
                : String.join(", ", Printable.names(paths.subList(0, 3))) + " and "
                + (paths.size() - 3) + " more";
    }

    static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }
}
