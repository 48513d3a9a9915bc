package dev.rollbackshell.diagnose;

import dev.rollbackshell.backup.Changes;
import dev.rollbackshell.restore.RestoreAction;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The files candidates (deleted files alone, the files the failures name, every trigger's
 * files): some files from the backup, plus what comes back with them, and the words that
 * say why.
 */
final class FilesCandidate {

    private FilesCandidate() {
    }

    /**
     * A files candidate: {@code named} plus what comes back with them (deleted together, deleted
     * and imported by the backup's versions), each extra one with a note.
     */
    static Suggestion of(SuggestContext c, SuggestionKind kind, List<String> named, String reason) {
        Changes changes = c.changes;
        Set<String> files = new TreeSet<>(named);
        Map<String, String> together = deletedTogether(files, changes);
        files.addAll(together.keySet());
        Map<String, String> needed = neededDeleted(c, files);
        files.addAll(needed.keySet());
        List<String> notes = new ArrayList<>();
        c.d.implicated().stream().filter(changes.added()::contains)
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
        List<RestoreAction> actions = List.of(RestoreAction.fromBackup(new ArrayList<>(files), c.backup.id(), false));
        return c.suggestion(kind, actions, null, why.toString(), notes);
    }

    /** "a (how the failures name it); b (...)"; {@code related}: say so of a file the failing tests import. */
    static String describe(List<String> files, Diagnosis d, boolean related) {
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
    private static Map<String, String> neededDeleted(SuggestContext c, Set<String> files) {
        Changes changes = c.changes;
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> known = new HashSet<>();
        c.manifest.entries().forEach(e -> known.add(e.path()));
        FileReferences refs = new FileReferences(c.project.root(), List.of(), Diagnoser.pythonRoots(c.plan), known);
        List<String> queue = new ArrayList<>(files);
        Set<String> visited = new LinkedHashSet<>(files);
        while (!queue.isEmpty()) {
            String f = queue.remove(0);
            if (!f.endsWith(".py")) {
                continue;
            }
            var copy = c.backup.copyOf(f);
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
}
