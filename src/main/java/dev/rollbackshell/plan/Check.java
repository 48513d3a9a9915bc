package dev.rollbackshell.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * One check of the plan: an external command given as an argument list (never a shell
 * string), or two shorthands for Python projects: {@code python} (code run with the plan's
 * interpreter, {@code python3 -c CODE}) and {@code imports} (modules, or {@code module:Name}
 * for {@code from module import Name}, each imported on its own so every failure is named).
 * Passes when the command exits 0 (and prints {@code expect}, when given).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Check(String id, String title, List<String> command, String python, List<String> imports,
        String expect, Integer timeoutSeconds) {

    public static final int DEFAULT_TIMEOUT = 120;

    public Check {
        int kinds = (command != null ? 1 : 0) + (python != null ? 1 : 0) + (imports != null ? 1 : 0);
        PlanException.require(kinds == 1, "check " + (id == null ? "" : "'" + id + "' ")
                + "needs exactly one of command, python, imports");
        PlanException.require(command == null || !command.isEmpty(), "check " + id + ": command must not be empty");
        PlanException.require(imports == null || !imports.isEmpty(), "check " + id + ": imports must not be empty");
        PlanException.require(timeoutSeconds == null || timeoutSeconds > 0, "check " + id + ": timeoutSeconds must be positive");
        command = command == null ? null : List.copyOf(command);
        imports = imports == null ? null : List.copyOf(imports);
    }

    public static Check command(String id, String title, List<String> command) {
        return new Check(id, title, command, null, null, null, null);
    }

    public int timeout() {
        return timeoutSeconds == null ? DEFAULT_TIMEOUT : timeoutSeconds;
    }

    public String label() {
        return title != null ? title : id;
    }

    /** The argument list to run, with {@code python} as the interpreter for the Python shorthands. */
    public List<String> argv(String pythonExe) {
        if (command != null) {
            return command;
        }
        if (python != null) {
            return List.of(pythonExe, "-c", python);
        }
        List<String> argv = new ArrayList<>(List.of(pythonExe, "-c", PythonSnippets.IMPORTS));
        argv.addAll(imports);
        return argv;
    }
}
