package dev.rollbackshell.diagnose;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.backup.Changes;
import dev.rollbackshell.check.Compare;
import dev.rollbackshell.check.FailureText;
import dev.rollbackshell.check.TestOutcome;
import dev.rollbackshell.plan.Plan;
import dev.rollbackshell.project.Project;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The diagnosis's implicated files: the changed files the failures point at (files that no
 * longer parse, files failure output names, files defining a class the errors name, damaged
 * data files, the files failing tests live in), each with how, in path order; and the
 * changed files the failing tests import ({@code related}).
 *
 * @param by      implicated path → how the failures name it, in path order
 * @param related changed files failing tests import, not implicated themselves
 */
record Implicated(Map<String, String> by, List<String> related) {

    List<String> paths() {
        return new ArrayList<>(by.keySet());
    }

    static Implicated find(Project project, Plan plan, Backup backup, Changes changes, Set<String> backupPaths,
            TriggerInput in, List<String> failureTexts, boolean healthy) {
        Set<String> known = new HashSet<>(backupPaths);
        known.addAll(changes.added());
        FileReferences refs = new FileReferences(project.root(), List.of(), Diagnoser.pythonRoots(plan), known);
        Set<String> changedSet = new HashSet<>(changes.all());
        Map<String, String> implicatedBy = new LinkedHashMap<>();
        if (!healthy) {
            named(project, plan, backup, changes, changedSet, refs, in, failureTexts, implicatedBy);
        }
        // the changed files failing tests import
        Set<String> related = new TreeSet<>();
        List<String> testDirs = plan.tests() == null || plan.tests().paths() == null ? List.of("tests", "test")
                : plan.tests().paths();
        for (TestOutcome t : in.regressed()) {
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
        Map<String, String> sorted = new LinkedHashMap<>();
        new TreeSet<>(implicatedBy.keySet()).forEach(p -> sorted.put(p, implicatedBy.get(p)));
        return new Implicated(sorted, new ArrayList<>(related));
    }

    /** The changed files the failures name, in the order of the ways they are named (the first way wins). */
    private static void named(Project project, Plan plan, Backup backup, Changes changes, Set<String> changedSet,
            FileReferences refs, TriggerInput in, List<String> failureTexts, Map<String, String> implicatedBy) {
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
        in.startup().forEach(c -> classes.addAll(ClassNames.named(c.summary())));
        in.broken().forEach(c -> classes.addAll(ClassNames.named(c.summary())));
        for (String path : changes.all()) {
            if (implicatedBy.containsKey(path)) {
                continue;
            }
            Path file = changes.deleted().contains(path) ? backup.copyOf(path) : project.file(path);
            ClassNames.definedIn(file, classes).ifPresent(name -> implicatedBy.put(path,
                    "defines " + name + ", named in the errors; " + changeKind(changes, path) + " since the backup"));
        }
        for (String line : in.dataProblems()) {
            String path = Compare.pathOf(line);
            if (changedSet.contains(path)) {
                implicatedBy.putIfAbsent(path, "damaged data: " + line.substring(path.length() + 2));
            }
        }
    }

    private static String changeKind(Changes c, String path) {
        return c.deleted().contains(path) ? "deleted" : c.added().contains(path) ? "added" : "modified";
    }
}
