package dev.rollbackshell.diagnose;

import dev.rollbackshell.backup.Changes;
import dev.rollbackshell.restore.RestoreAction;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code folder}: the one protected folder the failures point into, from the backup; files added since are kept. */
final class OneFolder implements SuggestionStrategy {

    @Override
    public Optional<Suggestion> suggest(SuggestContext c) {
        String folder = folderOf(c.d, c.changes, c.folders);
        if (folder == null) {
            return Optional.empty();
        }
        String why = folder + "/ is where the failures point; every file of it the backup holds is restored, files added"
                + " since are kept";
        return Optional.of(c.suggestion(SuggestionKind.FOLDER, List.of(RestoreAction.fromBackup(List.of(folder), c.backup.id(), false)),
                null, why, List.of()));
    }

    /** The protected folder most of the failures point into (implicated, else related, else changed files). */
    private static String folderOf(Diagnosis d, Changes changes, List<String> folders) {
        for (List<String> basis : List.of(d.implicated(), d.related(), changes.all())) {
            Map<String, Integer> count = new LinkedHashMap<>();
            for (String p : basis) {
                String top = SuggestContext.top(p);
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
}
