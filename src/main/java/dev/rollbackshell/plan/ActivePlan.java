package dev.rollbackshell.plan;

import java.nio.file.Path;

/**
 * The plan in force for a project, and where it came from: the built-in runbook, or the
 * project's {@code rollback-plan.yml} (possibly extending the runbook).
 *
 * @param file the plan file, or null for the built-in plan
 */
public record ActivePlan(Plan plan, String source, Path file) {

    public static final String BUILT_IN = "built-in (the emergency rollback runbook)";

    public boolean builtIn() {
        return file == null;
    }
}
