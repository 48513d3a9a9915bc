package dev.rollbackshell.diagnose;

import java.util.Optional;

/**
 * {@code files}: the changed files the failures name (else those the failing tests import),
 * plus files deleted since the backup that the restored versions import, so good work
 * beside the break survives.
 */
final class ImplicatedFiles implements SuggestionStrategy {

    @Override
    public Optional<Suggestion> suggest(SuggestContext c) {
        if (c.named.isEmpty()) {
            return Optional.empty();
        }
        String why = "the changed files " + c.basis + ": " + FilesCandidate.describe(c.named, c.d, false);
        return Optional.of(FilesCandidate.of(c, SuggestionKind.FILES, c.named, why));
    }
}
