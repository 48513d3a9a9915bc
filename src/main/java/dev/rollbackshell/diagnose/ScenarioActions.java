package dev.rollbackshell.diagnose;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.backup.Manifest;
import dev.rollbackshell.backup.ManifestEntry;
import dev.rollbackshell.git.GitRepo;
import dev.rollbackshell.project.Globs;
import dev.rollbackshell.plan.NuclearOption;
import dev.rollbackshell.plan.Phase;
import dev.rollbackshell.plan.Plan;
import dev.rollbackshell.plan.RestoreStep;
import dev.rollbackshell.plan.Scenario;
import dev.rollbackshell.project.Names;
import dev.rollbackshell.project.RollbackException;
import dev.rollbackshell.restore.RestoreAction;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the restore steps of a plan's scenario into {@link RestoreAction}s: globs
 * ({@code scaling_*.py}) expanded against what the backup holds, git refs resolved
 * ({@code {phase}}, {@code {backupRef}}), and a git ref that does not exist replaced by the
 * backup's copies of the same paths (said in the notes). {@code restore scenario ID} and
 * {@code suggest} both use it.
 */
public final class ScenarioActions {

    private final Plan plan;
    private final Backup backup;
    private final Manifest manifest;
    private final GitRepo git;

    /** @param git the project's repository, or null when it has none */
    public ScenarioActions(Plan plan, Backup backup, Manifest manifest, GitRepo git) {
        this.plan = plan;
        this.backup = backup;
        this.manifest = manifest;
        this.git = git;
    }

    /** The scenario with this id (case-insensitive), or {@code nuclear}; refuses (exit 2) an unknown id, naming the nearest. */
    public ScenarioRestore forScenario(String id) {
        if ("nuclear".equalsIgnoreCase(id)) {
            return nuclear();
        }
        Scenario s = plan.scenario(id).orElseThrow(() -> {
            List<String> ids = new ArrayList<>(plan.scenarios().stream().map(Scenario::id).toList());
            return RollbackException.badInput("no scenario " + id + " in the plan" + Names.didYouMean(id, ids)
                    + " ('plan scenarios' lists them)");
        });
        Integer phase = plan.phaseOf(s.id()).map(Phase::phase).orElse(null);
        List<String> notes = new ArrayList<>();
        List<RestoreAction> actions = actions(s.restore(), phase, notes);
        List<RestoreAction> fallback = actions(s.fallback(), phase, notes);
        if (s.notes() != null) {
            notes.add(s.notes());
        }
        return new ScenarioRestore(s.id(), s.title(), actions, fallback, s.confirm(), s.stopsProcesses(), false, notes);
    }

    /** The nuclear option: every step exact from the backup (or the plan's git ref as fallback). */
    public ScenarioRestore nuclear() {
        NuclearOption n = plan.nuclear();
        List<String> notes = new ArrayList<>();
        List<RestoreStep> steps = n == null || n.restore().isEmpty()
                ? List.of(new RestoreStep("backup", null, backup.folders().stream()
                        .filter(plan.foldersOrDefault()::contains).toList(), true, false))
                : n.restore();
        List<RestoreAction> actions = actions(steps, backup.phase(), notes);
        List<RestoreAction> fallback = new ArrayList<>();
        if (n != null && n.gitRef() != null) {
            String ref = ref(n.gitRef(), backup.phase());
            if (git != null && git.tryResolve(ref).isPresent()) {
                fallback.add(RestoreAction.fromGit(actions.stream().flatMap(a -> a.paths().stream()).distinct().toList(), ref, true));
            }
        }
        return new ScenarioRestore("nuclear", "Nuclear Option: Complete Rollback", actions, fallback, null,
                n == null || Boolean.TRUE.equals(n.stopProcesses()), n == null || !Boolean.FALSE.equals(n.clean()), notes);
    }

    private List<RestoreAction> actions(List<RestoreStep> steps, Integer phase, List<String> notes) {
        List<RestoreAction> out = new ArrayList<>();
        for (RestoreStep step : steps) {
            if (step.fromGit()) {
                String ref = ref(step.ref(), phase);
                if (git != null && git.tryResolve(ref).isPresent()) {
                    out.add(RestoreAction.fromGit(step.paths(), ref, step.isExact()));
                    continue;
                }
                List<String> inBackup = expand(step.paths(), notes, true);
                notes.add("git ref " + ref + (git == null ? " cannot be used (the project is not a git repository)"
                        : " does not exist") + (inBackup.isEmpty() ? "; step skipped"
                                : "; " + String.join(", ", inBackup) + " taken from backup " + backup.id() + " instead"));
                if (!inBackup.isEmpty()) {
                    out.add(RestoreAction.fromBackup(inBackup, backup.id(), step.isExact()));
                }
            } else {
                List<String> paths = expand(step.paths(), notes, step.isOptional());
                if (!paths.isEmpty()) {
                    out.add(RestoreAction.fromBackup(paths, backup.id(), step.isExact()));
                } else if (step.isOptional()) {
                    notes.add("optional step skipped: backup " + backup.id() + " holds no " + String.join(", ", step.paths()));
                }
            }
        }
        return merge(out);
    }

    private String ref(String pattern, Integer phase) {
        String r = pattern.replace("{phase}", String.valueOf(phase == null ? 1 : phase));
        if (r.contains("{backupRef}")) {
            String own = manifest.gitRef() != null ? manifest.gitRef() : plan.safetyBranchFor(phase);
            r = r.replace("{backupRef}", own);
        }
        return r;
    }

    /** Paths of the steps that the backup holds; globs expanded against its files. */
    private List<String> expand(List<String> patterns, List<String> notes, boolean quiet) {
        Set<String> out = new LinkedHashSet<>();
        for (String p : patterns) {
            List<String> hits = expand(p);
            if (hits.isEmpty() && !quiet) {
                notes.add("backup " + backup.id() + " holds no " + p + "; left as it is");
            }
            out.addAll(hits);
        }
        return new ArrayList<>(out);
    }

    /** What a path or glob names in the backup: the files a glob matches, or the path itself when the backup has it. */
    public List<String> expand(String pattern) {
        if (Globs.isGlob(pattern)) {
            var m = Globs.matcher(pattern);
            return manifest.entries().stream().filter(e -> !e.isDir()).map(ManifestEntry::path)
                    .filter(p -> m.matches(java.nio.file.Path.of(p))).sorted().toList();
        }
        boolean has = manifest.entries().stream().anyMatch(e -> e.path().equals(pattern) || e.path().startsWith(pattern + "/"));
        return has ? List.of(pattern) : List.of();
    }

    /** Consecutive actions from the same source with the same exactness become one. */
    private static List<RestoreAction> merge(List<RestoreAction> actions) {
        List<RestoreAction> out = new ArrayList<>();
        for (RestoreAction a : actions) {
            if (!out.isEmpty()) {
                RestoreAction last = out.get(out.size() - 1);
                if (java.util.Objects.equals(last.backupId(), a.backupId()) && java.util.Objects.equals(last.gitRef(), a.gitRef())
                        && last.exact() == a.exact()) {
                    Set<String> paths = new LinkedHashSet<>(last.paths());
                    paths.addAll(a.paths());
                    out.set(out.size() - 1, new RestoreAction(new ArrayList<>(paths), a.backupId(), a.gitRef(), a.exact()));
                    continue;
                }
            }
            out.add(a);
        }
        return out;
    }

    public Optional<GitRepo> git() {
        return Optional.ofNullable(git);
    }
}
