package dev.rollbackshell.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One restore step of a scenario: {@code paths} (files, folders or glob patterns such as
 * {@code src/batch_processor/scaling_*.py}) from the selected backup ({@code from: backup},
 * the runbook's {@code cp}) or from a git ref ({@code from: git}, {@code ref: HEAD~1}, the
 * runbook's {@code git checkout REF -- PATH}; {@code {phase}} in the ref is the scenario's
 * phase, {@code {backupRef}} the selected backup's safety branch). {@code exact} also
 * removes files the source does not have (the runbook's {@code rm -rf} before {@code cp -r});
 * {@code optional} steps are skipped when the source lacks the paths ({@code || echo "No data
 * backup found"}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RestoreStep(String from, String ref, List<String> paths, Boolean exact, Boolean optional) {

    public RestoreStep {
        PlanException.require("backup".equals(from) || "git".equals(from),
                "restore step: from must be 'backup' or 'git'" + (from == null ? "" : ", not '" + from + "'"));
        PlanException.require(!"git".equals(from) || (ref != null && !ref.isBlank()), "restore step from git needs a ref");
        PlanException.require(paths != null && !paths.isEmpty(), "restore step: paths are required");
        paths = paths.stream().map(p -> PlanException.relativePath(p, "restore path")).toList();
    }

    public boolean fromGit() {
        return "git".equals(from);
    }

    public boolean isExact() {
        return Boolean.TRUE.equals(exact);
    }

    public boolean isOptional() {
        return Boolean.TRUE.equals(optional);
    }
}
