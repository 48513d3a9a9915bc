package dev.rollbackshell.diagnose;

import java.util.Optional;

/**
 * One kind of suggestion (docs/plan.md, "suggest"): what it proposes for a diagnosis, or
 * nothing when it has nothing to offer. {@link Suggester} asks each in turn, least
 * invasive first.
 */
interface SuggestionStrategy {

    Optional<Suggestion> suggest(SuggestContext c);
}
