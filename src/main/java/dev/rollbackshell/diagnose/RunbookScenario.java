package dev.rollbackshell.diagnose;

import java.util.Optional;

/** {@code scenario}: the restore steps of the best-matching runbook scenario (the nuclear one aside). */
final class RunbookScenario implements SuggestionStrategy {

    @Override
    public Optional<Suggestion> suggest(SuggestContext c) {
        return c.d.scenarios().stream().filter(s -> !s.id().equals("nuclear")).findFirst().flatMap(match -> {
            ScenarioRestore sr = c.scenarios.forScenario(match.id());
            if (sr.actions().isEmpty()) {
                return Optional.empty();
            }
            String why = "runbook scenario " + match.id() + " (" + match.title() + ") matches: " + match.why();
            return Optional.of(c.suggestion(SuggestionKind.SCENARIO, sr.actions(), match.id(), why, sr.notes()));
        });
    }
}
