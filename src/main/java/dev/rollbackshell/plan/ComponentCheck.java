package dev.rollbackshell.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A component that must keep working (runbook Phase 2 Scenario B, Phase 3 Scenario B):
 * its {@code file} present, its Python {@code module} importable, its {@code class}
 * present with its {@code methods}; or any {@code command} that exits 0. It is broken
 * when it fails now and did not fail in the baseline.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ComponentCheck(String id, String title, String file, String module,
        @JsonProperty("class") String className, List<String> methods, List<String> command, Integer timeoutSeconds) {

    public ComponentCheck {
        PlanException.require(id != null && !id.isBlank(), "component: id is required");
        PlanException.require(file != null || module != null || command != null,
                "component " + id + ": needs file, module or command");
        PlanException.require(className == null || module != null, "component " + id + ": class needs module");
        PlanException.require(methods == null || className != null, "component " + id + ": methods need class");
        if (file != null) {
            file = PlanException.relativePath(file, "component " + id + ": file");
        }
        methods = methods == null ? null : List.copyOf(methods);
        command = command == null ? null : List.copyOf(command);
    }

    public int timeout() {
        return timeoutSeconds == null ? 60 : timeoutSeconds;
    }
}
