package dev.rollbackshell.diagnose;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.backup.Manifest;
import dev.rollbackshell.git.GitRepo;
import dev.rollbackshell.plan.Plan;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.restore.ActionRestore;
import dev.rollbackshell.restore.RestoreAction;
import dev.rollbackshell.restore.Restorer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code suggest}: rollback actions for a diagnosis, least invasive first (docs/plan.md, "suggest"),
 * one {@link SuggestionStrategy} per kind:
 * <ol>
 * <li>deleted: the deleted files among those, alone ({@link DeletedFilesAlone});</li>
 * <li>files: the changed files the failures name ({@link ImplicatedFiles});</li>
 * <li>combined: the changed files of every fired trigger together ({@link EveryTriggersFiles});</li>
 * <li>scenario: the best-matching runbook scenario's restore steps ({@link RunbookScenario});</li>
 * <li>folder: the one protected folder the failures point into ({@link OneFolder});</li>
 * <li>backup: every protected folder exactly as in the backup ({@link NuclearFromBackup});</li>
 * <li>git: every protected folder exactly as on the backup's safety branch ({@link NuclearFromSafetyBranch}).</li>
 * </ol>
 * The last known good state is found elsewhere (scratch/KnownGoodSearch); {@link #withOverwrites}
 * completes its suggestion. Each says what it restores, from where, why, and what it would
 * overwrite in the project as it is now, planned by the restore planner exactly as applying
 * it is planned ({@code restore/ActionRestore.overwrites}; docs/architecture.md,
 * "Mechanisms"). Reads only.
 */
public final class Suggester {

    private static final List<SuggestionStrategy> STRATEGIES = List.of(new DeletedFilesAlone(), new ImplicatedFiles(),
            new EveryTriggersFiles(), new RunbookScenario(), new OneFolder(), new NuclearFromBackup(),
            new NuclearFromSafetyBranch());

    private final Project project;
    private final Plan plan;
    private final Backup backup;
    private final Manifest manifest;
    private final GitRepo git;
    /** Plans what each suggestion would overwrite: the restore planner, as applying it plans it. */
    private final ActionRestore restore;

    public Suggester(Project project, Plan plan, Backup backup, Manifest manifest, GitRepo git) {
        this.project = project;
        this.plan = plan;
        this.backup = backup;
        this.manifest = manifest;
        this.git = git;
        this.restore = new ActionRestore(new Restorer(project, new BackupStore(project), m -> { }));
    }

    public Suggestions suggest(Diagnosis d) {
        if (d.healthy()) {
            return new Suggestions(List.of(), backup.id(), d.at(), "the latest diagnosis is healthy: no trigger fired");
        }
        SuggestContext c = new SuggestContext(project, plan, backup, manifest, git, d, restore);
        // each kind in turn; a repeat (same actions as a better-ranked suggestion) is dropped, then ranked
        List<Suggestion> ranked = new ArrayList<>();
        Set<List<RestoreAction>> seen = new HashSet<>();
        for (SuggestionStrategy strategy : STRATEGIES) {
            strategy.suggest(c).filter(s -> seen.add(s.actions())).ifPresent(s -> ranked.add(s.withRank(ranked.size() + 1)));
        }
        return new Suggestions(ranked, backup.id(), d.at(), null);
    }

    /** {@code s} with what it would overwrite in the project as it is now (for a suggestion made elsewhere: the known good state). */
    public Suggestion withOverwrites(Suggestion s) {
        List<String> notes = new ArrayList<>(s.notes() == null ? List.of() : s.notes());
        List<String> overwrites = SuggestContext.overwrites(restore, s.actions(), notes);
        return new Suggestion(s.rank(), s.kind(), s.paths(), s.from(), s.scenario(), s.reason(), overwrites, s.actions(), notes,
                s.proof());
    }
}
