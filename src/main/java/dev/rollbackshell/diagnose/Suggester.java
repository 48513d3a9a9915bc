package dev.rollbackshell.diagnose;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.backup.Changes;
import dev.rollbackshell.backup.Manifest;
import dev.rollbackshell.git.GitRepo;
import dev.rollbackshell.plan.Plan;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.restore.ActionRestore;
import dev.rollbackshell.restore.Restorer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code suggest}: rollback actions for a diagnosis, least invasive first (docs/plan.md, "suggest"):
 * <ol>
 * <li>deleted: the deleted files among those, alone (when the failures also name changed files
 *     that import them: their edits survive when bringing the file back heals);</li>
 * <li>files: the changed files the failures name (plus files deleted since the backup that
 *     the restored versions import), so good work beside the break survives;</li>
 * <li>combined: the changed files of every fired trigger together, when they lie in more than
 *     one protected folder (code and data);</li>
 * <li>scenario: the best-matching runbook scenario's restore steps;</li>
 * <li>folder: the one protected folder the failures point into (files added since are kept);</li>
 * <li>backup: every protected folder exactly as in the backup (the runbook's nuclear option);</li>
 * <li>git: every protected folder exactly as on the backup's safety branch.</li>
 * </ol>
 * Each says what it restores, from where, why, and what it would overwrite in the project
 * as it is now, planned by the restore planner exactly as applying it is planned
 * ({@code restore/ActionRestore.overwrites}; docs/architecture.md, "Mechanisms"). Reads only.
 */
public final class Suggester {

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
        Changes changes = Diagnoser.changes(project, plan, manifest);
        List<Suggestion> out = new ArrayList<>();

        // 1. the changed files the failures name; before them, the deleted ones alone; after them, every trigger's together
        Set<String> restorable = new TreeSet<>(changes.modified());
        restorable.addAll(changes.deleted());
        List<String> named = d.implicated().stream().filter(restorable::contains).toList();
        String basis = "named in the failures";
        if (named.isEmpty()) {
            named = d.related().stream().filter(restorable::contains).toList();
            basis = "imported by the failing tests";
        }
        if (!named.isEmpty()) {
            List<String> deletedFirst = deletedFirst(named, changes);
            if (!deletedFirst.isEmpty()) {
                List<String> kept = named.stream().filter(p -> !deletedFirst.contains(p)).toList();
                String why = "bring back the deleted files " + basis + ", alone: " + describe(deletedFirst, d, false)
                        + ". The changed files that name or import them are kept as they are (" + String.join(", ", kept) + ")";
                out.add(filesSuggestion(Suggestion.DELETED, deletedFirst, why, d, changes));
            }
            out.add(filesSuggestion(Suggestion.FILES, named, "the changed files " + basis + ": " + describe(named, d, false), d, changes));
            List<String> all = combined(d.implicated(), d.related(), restorable, named, plan.foldersOrDefault());
            if (!all.isEmpty()) {
                out.add(filesSuggestion(Suggestion.COMBINED, all, "the changed files of every fired trigger together (they lie in "
                        + String.join(", ", topFolders(all, plan.foldersOrDefault())) + "): " + describe(all, d, true), d, changes));
            }
        }

        // 2. the best-matching runbook scenario
        ScenarioActions scenarios = new ScenarioActions(plan, backup, manifest, git);
        d.scenarios().stream().filter(s -> !s.id().equals("nuclear")).findFirst().ifPresent(match -> {
            ScenarioRestore sr = scenarios.forScenario(match.id());
            if (!sr.actions().isEmpty()) {
                String why = "runbook scenario " + match.id() + " (" + match.title() + ") matches: " + match.why();
                out.add(suggestion(Suggestion.SCENARIO, sr.actions(), match.id(), why, sr.notes()));
            }
        });

        // 3. one protected folder
        List<String> folders = plan.foldersOrDefault().stream().filter(backup.folders()::contains).toList();
        String folder = folderOf(d, changes, folders);
        if (folder != null) {
            String why = folder + "/ is where the failures point; every file of it the backup holds is restored, files added"
                    + " since are kept";
            out.add(suggestion(Suggestion.FOLDER, List.of(RestoreAction.fromBackup(List.of(folder), backup.id(), false)), null,
                    why, List.of()));
        }

        // 4. everything from the backup (nuclear option)
        if (!folders.isEmpty()) {
            String why = "the runbook's nuclear option: " + String.join(", ", folders) + " exactly as in backup " + backup.id()
                    + " (files added since are removed)";
            ScenarioRestore nuclear = scenarios.nuclear();
            out.add(suggestion(Suggestion.BACKUP, List.of(RestoreAction.fromBackup(folders, backup.id(), true)),
                    d.scenarios().stream().anyMatch(s -> s.id().equals("nuclear")) ? "nuclear" : null, why,
                    nuclear.stopProcesses() ? List.of("stop the system's processes first ('processes --stop'); run 'clean' after")
                            : List.of()));
        }

        // 5. everything from the safety branch
        String ref = safetyRef(d);
        if (ref != null) {
            List<String> inRef = new ArrayList<>();
            for (String f : folders.isEmpty() ? plan.foldersOrDefault() : folders) {
                try {
                    if (!git.files(ref, f).isEmpty()) {
                        inRef.add(f);
                    }
                } catch (IOException e) {
                    // not in the ref
                }
            }
            if (!inRef.isEmpty()) {
                String why = "everything from the safety branch " + ref + ": " + String.join(", ", inRef)
                        + " exactly as committed there (the runbook's git reset --hard, limited to the protected folders)";
                out.add(suggestion(Suggestion.GIT, List.of(RestoreAction.fromGit(inRef, ref, true)), null, why, List.of()));
            }
        }

        // drop repeats (same actions as a better-ranked suggestion), then rank
        List<Suggestion> ranked = new ArrayList<>();
        Set<List<RestoreAction>> seen = new java.util.HashSet<>();
        for (Suggestion s : out) {
            if (seen.add(s.actions())) {
                ranked.add(s.withRank(ranked.size() + 1));
            }
        }
        return new Suggestions(ranked, backup.id(), d.at(), null);
    }

    /**
     * A files candidate: {@code named} plus what comes back with them (deleted together, deleted
     * and imported by the backup's versions), each extra one with a note.
     */
    private Suggestion filesSuggestion(String kind, List<String> named, String reason, Diagnosis d, Changes changes) {
        Set<String> files = new TreeSet<>(named);
        Map<String, String> together = deletedTogether(files, changes);
        files.addAll(together.keySet());
        Map<String, String> needed = neededDeleted(files, changes);
        files.addAll(needed.keySet());
        List<String> notes = new ArrayList<>();
        d.implicated().stream().filter(changes.added()::contains)
                .forEach(p -> notes.add(p + " is new since the backup and also named in the failures; it is kept"));
        together.forEach((f, because) -> notes.add(f + " is restored too: " + because));
        needed.forEach((f, by) -> notes.add(f + " is restored too: the backup's " + by + " imports it and it was deleted"));
        StringBuilder why = new StringBuilder(reason);
        long keptAdded = changes.added().size();
        long keptModified = changes.modified().stream().filter(p -> !files.contains(p)).count();
        if (keptAdded + keptModified > 0) {
            why.append(". Everything else is kept (").append(keptAdded).append(" added, ").append(keptModified)
                    .append(" other modified files)");
        }
        List<RestoreAction> actions = List.of(RestoreAction.fromBackup(new ArrayList<>(files), backup.id(), false));
        return suggestion(kind, actions, null, why.toString(), notes);
    }

    /** "a (how the failures name it); b (...)"; {@code related}: say so of a file the failing tests import. */
    private static String describe(List<String> files, Diagnosis d, boolean related) {
        List<String> parts = new ArrayList<>();
        for (String f : files) {
            String how = d.implicatedBy() == null ? null : d.implicatedBy().get(f);
            if (how == null && related && d.related().contains(f)) {
                how = "imported by the failing tests";
            }
            parts.add(f + (how == null ? "" : " (" + how + ")"));
        }
        return String.join("; ", parts);
    }

    /**
     * The deleted files among the named ones, to be tried alone first (bringing a file back
     * overwrites nothing; restoring its importer too would lose a good edit in it): empty
     * when none is deleted or all are (then the files candidate is the same).
     */
    static List<String> deletedFirst(List<String> named, Changes changes) {
        Set<String> deleted = new java.util.HashSet<>(changes.deleted());
        List<String> out = named.stream().filter(deleted::contains).toList();
        return out.size() == named.size() ? List.of() : out;
    }

    /**
     * The files candidate widened to every fired trigger's files: the implicated and the
     * related (imported by failing tests) changed files together, when they lie in more than
     * one protected folder (code and data) and say more than {@code named}; else empty.
     */
    static List<String> combined(List<String> implicated, List<String> related, Set<String> restorable, List<String> named,
            List<String> folders) {
        Set<String> all = new TreeSet<>();
        implicated.stream().filter(restorable::contains).forEach(all::add);
        related.stream().filter(restorable::contains).forEach(all::add);
        if (all.size() <= new java.util.HashSet<>(named).size() || topFolders(new ArrayList<>(all), folders).size() < 2) {
            return List.of();
        }
        return new ArrayList<>(all);
    }

    private static List<String> topFolders(List<String> paths, List<String> folders) {
        Set<String> out = new TreeSet<>();
        for (String p : paths) {
            String top = p.contains("/") ? p.substring(0, p.indexOf('/')) : p;
            if (folders.contains(top)) {
                out.add(top);
            }
        }
        return new ArrayList<>(out);
    }

    /** {@code s} with what it would overwrite in the project as it is now (for a suggestion made elsewhere: the known good state). */
    public Suggestion withOverwrites(Suggestion s) {
        List<String> notes = new ArrayList<>(s.notes() == null ? List.of() : s.notes());
        List<String> overwrites = overwrites(s.actions(), notes);
        return new Suggestion(s.rank(), s.kind(), s.paths(), s.from(), s.scenario(), s.reason(), overwrites, s.actions(), notes,
                s.proof());
    }

    private Suggestion suggestion(String kind, List<RestoreAction> actions, String scenario, String why, List<String> notes) {
        List<String> paths = actions.stream().flatMap(a -> a.paths().stream()).distinct().toList();
        String from = String.join(" + ", actions.stream().map(RestoreAction::source).distinct().toList());
        List<String> allNotes = new ArrayList<>(notes);
        List<String> overwrites = overwrites(actions, allNotes);
        return new Suggestion(0, kind, paths, from, scenario, why, overwrites, actions, allNotes);
    }

    /**
     * What applying {@code actions} would replace or remove in the project as it is now,
     * planned by the restore planner as {@code restore suggestion N} plans it (docs/architecture.md,
     * "Mechanisms"); a refusal becomes a note and nothing is overwritten.
     */
    private List<String> overwrites(List<RestoreAction> actions, List<String> notes) {
        try {
            return restore.overwrites(actions);
        } catch (RuntimeException e) {
            notes.add("cannot be applied as it is: " + e.getMessage());
            return List.of();
        }
    }

    /**
     * Deleted files that come back with the named ones: every file deleted under a deleted
     * package whose {@code __init__.py} is named (a package goes as a whole), and a deleted
     * module's deleted stub ({@code x.py} with {@code x.pyi}, either way).
     */
    static Map<String, String> deletedTogether(Set<String> named, Changes changes) {
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> deleted = new TreeSet<>(changes.deleted());
        for (String f : named) {
            if (!deleted.contains(f)) {
                continue;
            }
            if (f.endsWith("/__init__.py")) {
                String pkg = f.substring(0, f.length() - "/__init__.py".length());
                for (String d : deleted) {
                    if (d.startsWith(pkg + "/") && !named.contains(d)) {
                        out.putIfAbsent(d, "it was deleted with the package " + pkg + "/, whose " + f + " the failures name");
                    }
                }
            }
            String twin = f.endsWith(".py") ? f + "i" : f.endsWith(".pyi") ? f.substring(0, f.length() - 1) : null;
            if (twin != null && deleted.contains(twin) && !named.contains(twin)) {
                out.putIfAbsent(twin, "it was deleted together with " + f);
            }
        }
        return out;
    }

    /**
     * Files deleted since the backup that the backup's copies of {@code files} import:
     * restoring the old importer without them would fail again (Python imports only).
     */
    private Map<String, String> neededDeleted(Set<String> files, Changes changes) {
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> known = new java.util.HashSet<>();
        manifest.entries().forEach(e -> known.add(e.path()));
        FileReferences refs = new FileReferences(project.root(), List.of(), Diagnoser.pythonRoots(plan), known);
        List<String> queue = new ArrayList<>(files);
        Set<String> visited = new LinkedHashSet<>(files);
        while (!queue.isEmpty()) {
            String f = queue.remove(0);
            if (!f.endsWith(".py")) {
                continue;
            }
            var copy = backup.copyOf(f);
            if (copy == null || !Files.isRegularFile(copy)) {
                continue;
            }
            String text;
            try {
                text = Files.readString(copy);
            } catch (IOException e) {
                continue;
            }
            for (String module : SourceImports.pythonModules(text)) {
                for (String dep : refs.moduleFiles(module)) {
                    if (changes.deleted().contains(dep) && visited.add(dep)) {
                        out.put(dep, f);
                        queue.add(dep);
                    }
                }
            }
        }
        return out;
    }

    /** The protected folder most of the failures point into (implicated, else related, else changed files). */
    private static String folderOf(Diagnosis d, Changes changes, List<String> folders) {
        for (List<String> basis : List.of(d.implicated(), d.related(), changes.all())) {
            Map<String, Integer> count = new LinkedHashMap<>();
            for (String p : basis) {
                String top = p.contains("/") ? p.substring(0, p.indexOf('/')) : p;
                if (folders.contains(top)) {
                    count.merge(top, 1, Integer::sum);
                }
            }
            if (!count.isEmpty()) {
                return count.entrySet().stream().max(Comparator.comparingInt(Map.Entry<String, Integer>::getValue))
                        .map(Map.Entry::getKey).orElse(null);
            }
        }
        return null;
    }

    /** The backup's safety branch when it resolves: its manifest's git ref, else the plan's for its phase. */
    private String safetyRef(Diagnosis d) {
        if (git == null) {
            return null;
        }
        List<String> candidates = new ArrayList<>();
        if (manifest.gitRef() != null) {
            candidates.add(manifest.gitRef());
        }
        if (backup.gitRef() != null) {
            candidates.add(backup.gitRef());
        }
        Integer phase = backup.phase();
        if (phase == null) {
            phase = d.scenarios().stream().map(Diagnosis.ScenarioMatch::phase).filter(java.util.Objects::nonNull).findFirst()
                    .orElse(null);
        }
        if (phase != null) {
            candidates.add(plan.safetyBranchFor(phase));
        }
        return candidates.stream().filter(r -> git.tryResolve(r).isPresent()).findFirst().orElse(null);
    }
}
