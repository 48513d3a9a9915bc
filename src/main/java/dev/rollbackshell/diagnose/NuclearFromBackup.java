package dev.rollbackshell.diagnose;

import dev.rollbackshell.restore.RestoreAction;
import java.util.List;
import java.util.Optional;

/** {@code backup}: every protected folder exactly as in the backup (the runbook's nuclear option). */
final class NuclearFromBackup implements SuggestionStrategy {

    @Override
    public Optional<Suggestion> suggest(SuggestContext c) {
        if (c.folders.isEmpty()) {
            return Optional.empty();
        }
        String why = "the runbook's nuclear option: " + String.join(", ", c.folders) + " exactly as in backup " + c.backup.id()
                + " (files added since are removed)";
        String scenario = c.d.scenarios().stream().anyMatch(s -> s.id().equals("nuclear")) ? "nuclear" : null;
        List<String> notes = c.scenarios.nuclear().stopProcesses()
                ? List.of("stop the system's processes first ('processes --stop'); run 'clean' after") : List.of();
        return Optional.of(c.suggestion(SuggestionKind.BACKUP, List.of(RestoreAction.fromBackup(c.folders, c.backup.id(), true)),
                scenario, why, notes));
    }
}
