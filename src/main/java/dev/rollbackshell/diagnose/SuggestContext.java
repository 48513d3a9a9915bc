package dev.rollbackshell.diagnose;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.backup.Changes;
import dev.rollbackshell.backup.Manifest;
import dev.rollbackshell.git.GitRepo;
import dev.rollbackshell.plan.Plan;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.restore.ActionRestore;
import dev.rollbackshell.restore.RestoreAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What every {@link SuggestionStrategy} works from: the project, its plan, the backup (and
 * git), the diagnosis and the changes since the backup, the changed files the failures
 * name; and the one way a suggestion is made, with what it would overwrite planned by the
 * restore planner ({@link ActionRestore#overwrites}; docs/architecture.md, "Mechanisms").
 */
final class SuggestContext {

    final Project project;
    final Plan plan;
    final Backup backup;
    final Manifest manifest;
    /** The project's repository, or null. */
    final GitRepo git;
    final Diagnosis d;
    final Changes changes;
    /** Files a backup can bring back: modified or deleted since it. */
    final Set<String> restorable;
    /** The restorable files the failures name, else those the failing tests import. */
    final List<String> named;
    /** Why {@link #named}: "named in the failures" or "imported by the failing tests". */
    final String basis;
    /** The plan's protected folders the backup holds. */
    final List<String> folders;
    final ScenarioActions scenarios;
    private final ActionRestore restore;

    SuggestContext(Project project, Plan plan, Backup backup, Manifest manifest, GitRepo git, Diagnosis d,
            ActionRestore restore) {
        this.project = project;
        this.plan = plan;
        this.backup = backup;
        this.manifest = manifest;
        this.git = git;
        this.d = d;
        this.restore = restore;
        this.changes = Diagnoser.changes(project, plan, manifest);
        this.restorable = new TreeSet<>(changes.modified());
        restorable.addAll(changes.deleted());
        List<String> implicated = d.implicated().stream().filter(restorable::contains).toList();
        this.named = implicated.isEmpty() ? d.related().stream().filter(restorable::contains).toList() : implicated;
        this.basis = implicated.isEmpty() ? "imported by the failing tests" : "named in the failures";
        this.folders = plan.foldersOrDefault().stream().filter(backup.folders()::contains).toList();
        this.scenarios = new ScenarioActions(plan, backup, manifest, git);
    }

    /** A suggestion of {@code kind}: its paths and source from {@code actions}, and what applying them would overwrite. */
    Suggestion suggestion(SuggestionKind kind, List<RestoreAction> actions, String scenario, String why, List<String> notes) {
        List<String> paths = actions.stream().flatMap(a -> a.paths().stream()).distinct().toList();
        String from = String.join(" + ", actions.stream().map(RestoreAction::source).distinct().toList());
        List<String> allNotes = new ArrayList<>(notes);
        List<String> overwrites = overwrites(restore, actions, allNotes);
        return new Suggestion(0, kind, paths, from, scenario, why, overwrites, actions, allNotes);
    }

    /**
     * What applying {@code actions} would replace or remove in the project as it is now,
     * planned as {@code restore suggestion N} plans it; a refusal becomes a note and nothing
     * is overwritten.
     */
    static List<String> overwrites(ActionRestore restore, List<RestoreAction> actions, List<String> notes) {
        try {
            return restore.overwrites(actions);
        } catch (RuntimeException e) {
            notes.add("cannot be applied as it is: " + e.getMessage());
            return List.of();
        }
    }

    /** The top folder of a project path ("src" of "src/a.py"). */
    static String top(String path) {
        return path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
    }
}
