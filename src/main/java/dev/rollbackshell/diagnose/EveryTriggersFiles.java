package dev.rollbackshell.diagnose;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code combined}: the changed files of every fired trigger together, when they lie in
 * more than one protected folder (code and data).
 */
final class EveryTriggersFiles implements SuggestionStrategy {

    @Override
    public Optional<Suggestion> suggest(SuggestContext c) {
        if (c.named.isEmpty()) {
            return Optional.empty();
        }
        List<String> folders = c.plan.foldersOrDefault();
        List<String> all = combined(c.d.implicated(), c.d.related(), c.restorable, c.named, folders);
        if (all.isEmpty()) {
            return Optional.empty();
        }
        String why = "the changed files of every fired trigger together (they lie in " + String.join(", ", topFolders(all, folders))
                + "): " + FilesCandidate.describe(all, c.d, true);
        return Optional.of(FilesCandidate.of(c, SuggestionKind.COMBINED, all, why));
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
        if (all.size() <= new HashSet<>(named).size() || topFolders(new ArrayList<>(all), folders).size() < 2) {
            return List.of();
        }
        return new ArrayList<>(all);
    }

    private static List<String> topFolders(List<String> paths, List<String> folders) {
        Set<String> out = new TreeSet<>();
        for (String p : paths) {
            String top = SuggestContext.top(p);
            if (folders.contains(top)) {
                out.add(top);
            }
        }
        return new ArrayList<>(out);
    }
}
