package dev.rollbackshell.diagnose;

import dev.rollbackshell.restore.RestoreAction;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code git}: every protected folder exactly as on the backup's safety branch (the
 * runbook's git reset --hard, limited to the protected folders), when the project is a git
 * repository and the branch resolves.
 */
final class NuclearFromSafetyBranch implements SuggestionStrategy {

    @Override
    public Optional<Suggestion> suggest(SuggestContext c) {
        String ref = safetyRef(c);
        if (ref == null) {
            return Optional.empty();
        }
        List<String> inRef = new ArrayList<>();
        for (String f : c.folders.isEmpty() ? c.plan.foldersOrDefault() : c.folders) {
            try {
                if (!c.git.trees().files(ref, f).isEmpty()) {
                    inRef.add(f);
                }
            } catch (IOException e) {
                // not in the ref
            }
        }
        if (inRef.isEmpty()) {
            return Optional.empty();
        }
        String why = "everything from the safety branch " + ref + ": " + String.join(", ", inRef)
                + " exactly as committed there (the runbook's git reset --hard, limited to the protected folders)";
        return Optional.of(c.suggestion(SuggestionKind.GIT, List.of(RestoreAction.fromGit(inRef, ref, true)), null, why, List.of()));
    }

    /** The backup's safety branch when it resolves: its manifest's git ref, else the plan's for its phase. */
    private static String safetyRef(SuggestContext c) {
        if (c.git == null) {
            return null;
        }
        List<String> candidates = new ArrayList<>();
        if (c.manifest.gitRef() != null) {
            candidates.add(c.manifest.gitRef());
        }
        if (c.backup.gitRef() != null) {
            candidates.add(c.backup.gitRef());
        }
        Integer phase = c.backup.phase();
        if (phase == null) {
            phase = c.d.scenarios().stream().map(Diagnosis.ScenarioMatch::phase).filter(Objects::nonNull).findFirst()
                    .orElse(null);
        }
        if (phase != null) {
            candidates.add(c.plan.safetyBranchFor(phase));
        }
        return candidates.stream().filter(r -> c.git.tryResolve(r).isPresent()).findFirst().orElse(null);
    }
}
