package dev.rollbackshell.diagnose;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rollbackshell.plan.Check;
import dev.rollbackshell.restore.RestoreAction;
import java.util.ArrayList;
import java.util.List;

/**
 * A runbook scenario (or the nuclear option) turned into restore actions against the
 * selected backup and the repository: {@code actions} first; {@code fallback} when
 * {@code confirm} still fails afterwards (runbook 1B: "If still failing, revert to git
 * backup"). {@code notes} say what was adapted (a git ref that does not exist, a path the
 * backup does not hold, an optional step skipped).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScenarioRestore(String id, String title, List<RestoreAction> actions, List<RestoreAction> fallback,
        Check confirm, boolean stopProcesses, boolean clean, List<String> notes) {

    public ScenarioRestore {
        actions = List.copyOf(actions);
        fallback = List.copyOf(fallback);
        notes = List.copyOf(notes);
    }

    /**
     * What to tell the user after the restore: the scenario's notes, the runbook's fallback
     * when the project is {@code stillFailing} (1B: "if still failing, revert to git
     * backup"), and stopping the processes where the runbook does.
     */
    public List<String> nextSteps(boolean stillFailing) {
        List<String> out = new ArrayList<>(notes);
        if (stillFailing) {
            for (RestoreAction a : fallback) {
                out.add("still failing: the runbook's next step is 'restore file " + String.join(" ", a.paths())
                        + (a.gitRef() != null ? " --git " + a.gitRef() : " --from " + a.backupId())
                        + (a.exact() ? " --exact" : "") + "'");
            }
        }
        if (stopProcesses) {
            out.add("the runbook stops the system's processes for this scenario: 'processes --stop'");
        }
        return out;
    }

    /** Every path the actions restore, in order. */
    public List<String> paths() {
        return actions.stream().flatMap(a -> a.paths().stream()).distinct().toList();
    }
}
