package dev.rollbackshell.scratch;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.check.Progress;
import dev.rollbackshell.diagnose.Proof;
import dev.rollbackshell.restore.RestoreAction;
import dev.rollbackshell.diagnose.Suggestion;
import dev.rollbackshell.diagnose.SuggestionKind;
import dev.rollbackshell.diagnose.Suggestions;
import dev.rollbackshell.git.GitRepo;
import dev.rollbackshell.plan.Plan;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The last known good state (the runbook's Nuclear Option, step 7: "if tests still fail,
 * check git history ... git checkout known_good_commit"), searched in scratch copies
 * (docs/plan.md#diagnose---find-good). A state is good when the plan's checks pass outright
 * there (no baseline: this works even when every backup was taken after the break). Tried:
 * the backups newest first, then the first-parent git history from HEAD. A history of at
 * most {@link #BISECT_ALL} commits is bisected whole (its oldest commit first: one check run
 * plus ceil(log2(n+1))); a longer one is walked back in steps that double (HEAD, HEAD~1,
 * HEAD~3, HEAD~7, ...) until a commit passes, then bisected between it and the newest failing
 * one, like {@code git bisect run} with the plan's checks as the test.
 */
public final class KnownGoodSearch {

    /** Histories up to this long are bisected whole rather than walked back in doubling steps. */
    static final int BISECT_ALL = 64;
    /** How far back the history is read at most. */
    static final int MAX_HISTORY = 10_000;

    /** What the search found: the summary for the session and, when found, the suggestion that restores it. */
    public record Result(Suggestions.KnownGood knownGood, Suggestion suggestion) {
    }

    private final Prover prover;
    private final Plan plan;
    private final BackupStore backups;
    private final GitRepo git;
    private final Progress progress;
    private final boolean skipTests;
    private final List<String> steps = new ArrayList<>();
    private int tried;

    /** @param git the project's repository, or null */
    public KnownGoodSearch(Prover prover, Plan plan, BackupStore backups, GitRepo git, boolean skipTests, Progress progress) {
        this.prover = prover;
        this.plan = plan;
        this.backups = backups;
        this.git = git;
        this.skipTests = skipTests;
        this.progress = progress;
    }

    public Result search() {
        long start = System.nanoTime();
        ScratchCopy.sweep(backups.project());
        progress.say("find-good: searching the last known good state in scratch copies: backups newest first, then git history");
        List<Backup> all = new ArrayList<>(backups.list());
        java.util.Collections.reverse(all);
        for (Backup b : all) {
            if (!b.complete()) {
                continue;
            }
            List<String> folders = plan.foldersOrDefault().stream().filter(b.folders()::contains).toList();
            if (folders.isEmpty()) {
                continue;
            }
            RestoreAction a = RestoreAction.fromBackup(folders, b.id(), true);
            if (good("backup " + b.id(), List.of(a))) {
                return found(start, "backup " + b.id(), b.id(), "backup " + b.id(), List.of(a));
            }
        }
        if (git != null) {
            List<GitRepo.Commit> history = git.history().firstParents("HEAD", MAX_HISTORY);
            Integer good = history.isEmpty() ? null : bisect(history);
            if (good != null) {
                GitRepo.Commit c = history.get(good);
                List<RestoreAction> actions = gitActions(c);
                return found(start, "commit " + c.shortId() + " (HEAD~" + good + ": " + c.message() + ")", c.id().name(),
                        "git " + c.shortId(), actions);
            }
        }
        double secs = Prover.round((System.nanoTime() - start) / 1e9);
        progress.say(String.format(Locale.ROOT, "find-good: no good state among %d tried (%.1fs)", tried, secs));
        return new Result(new Suggestions.KnownGood(false, null, null, null, tried, secs, steps), null);
    }

    /**
     * The index (0 = HEAD) of the newest commit whose checks pass, assuming the break, once
     * in, stays in; null when none passes.
     */
    Integer bisect(List<GitRepo.Commit> history) {
        Map<Integer, Boolean> memo = new HashMap<>();
        int n = history.size();
        int bad = -1; // the working tree: broken
        int goodAt;
        if (n <= BISECT_ALL) {
            if (!goodAt(history, n - 1, memo)) {
                return null;
            }
            goodAt = n - 1;
        } else {
            int step = 1;
            int i = 0;
            while (true) {
                if (goodAt(history, i, memo)) {
                    goodAt = i;
                    break;
                }
                bad = i;
                if (i == n - 1) {
                    return null;
                }
                i = Math.min(n - 1, i + step);
                step *= 2;
            }
        }
        while (goodAt - bad > 1) {
            int mid = (bad + goodAt) >>> 1;
            if (goodAt(history, mid, memo)) {
                goodAt = mid;
            } else {
                bad = mid;
            }
        }
        return goodAt;
    }

    private boolean goodAt(List<GitRepo.Commit> history, int i, Map<Integer, Boolean> memo) {
        return memo.computeIfAbsent(i, k -> {
            GitRepo.Commit c = history.get(k);
            List<RestoreAction> actions = gitActions(c);
            return !actions.isEmpty() && good("commit " + c.shortId() + " (HEAD~" + k + ")", actions);
        });
    }

    private List<RestoreAction> gitActions(GitRepo.Commit c) {
        List<String> folders = new ArrayList<>();
        for (String f : plan.foldersOrDefault()) {
            try {
                if (!git.trees().files(c.id().name(), f).isEmpty()) {
                    folders.add(f);
                }
            } catch (IOException e) {
                // not in that commit
            }
        }
        return folders.isEmpty() ? List.of() : List.of(RestoreAction.fromGit(folders, c.id().name(), true));
    }

    private boolean good(String state, List<RestoreAction> actions) {
        tried++;
        String tag = "find-good " + tried;
        progress.say(tag + ": " + state + ", in a scratch copy");
        long t0 = System.nanoTime();
        List<String> problems = prover.problemsOutright(actions, skipTests, m -> progress.say(tag + ": " + m.strip()));
        String verdict = problems.isEmpty() ? "passes" : "fails: " + String.join("; ", problems.subList(0, Math.min(2, problems.size())))
                + (problems.size() > 2 ? " and " + (problems.size() - 2) + " more" : "");
        String line = String.format(Locale.ROOT, "%s %s (%.1fs)", state, verdict, (System.nanoTime() - t0) / 1e9);
        steps.add(line);
        progress.say(tag + ": " + line);
        return problems.isEmpty();
    }

    private Result found(long start, String label, String id, String from, List<RestoreAction> actions) {
        double secs = Prover.round((System.nanoTime() - start) / 1e9);
        String source = actions.get(0).backupId() != null ? "backup" : "git";
        String text = label + ", the last known good state";
        progress.say(String.format(Locale.ROOT, "find-good: %s (%d states tried, %.1fs)", text, tried, secs));
        List<String> paths = actions.stream().flatMap(a -> a.paths().stream()).distinct().toList();
        Suggestion s = new Suggestion(0, SuggestionKind.KNOWN_GOOD, paths, from, null,
                "restore everything from " + label + ", the last known good state: its checks pass outright in a scratch copy ("
                        + tried + " states tried); files added since are removed",
                List.of(), actions, List.of("found by the last-known-good search: every protected folder exactly as there"),
                new Proof(Proof.Status.HEALS, List.of(), secs, "its checks pass outright, " + tried + " states tried"));
        return new Result(new Suggestions.KnownGood(true, source, id, text, tried, secs, steps), s);
    }
}
