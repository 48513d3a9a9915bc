package dev.rollbackshell.diagnose;

import dev.rollbackshell.backup.Changes;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code deleted}: the deleted files among those the failures name, alone, when the failures
 * also name changed files that import them: their edits survive when bringing the file back
 * heals.
 */
final class DeletedFilesAlone implements SuggestionStrategy {

    @Override
    public Optional<Suggestion> suggest(SuggestContext c) {
        List<String> deletedFirst = deletedFirst(c.named, c.changes);
        if (deletedFirst.isEmpty()) {
            return Optional.empty();
        }
        List<String> kept = c.named.stream().filter(p -> !deletedFirst.contains(p)).toList();
        String why = "bring back the deleted files " + c.basis + ", alone: " + FilesCandidate.describe(deletedFirst, c.d, false)
                + ". The changed files that name or import them are kept as they are (" + String.join(", ", kept) + ")";
        return Optional.of(FilesCandidate.of(c, SuggestionKind.DELETED, deletedFirst, why));
    }

    /**
     * The deleted files among the named ones, to be tried alone first (bringing a file back
     * overwrites nothing; restoring its importer too would lose a good edit in it): empty
     * when none is deleted or all are (then the files candidate is the same).
     */
    static List<String> deletedFirst(List<String> named, Changes changes) {
        Set<String> deleted = new HashSet<>(changes.deleted());
        List<String> out = named.stream().filter(deleted::contains).toList();
        return out.size() == named.size() ? List.of() : out;
    }
}
