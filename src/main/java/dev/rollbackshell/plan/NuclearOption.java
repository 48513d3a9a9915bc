package dev.rollbackshell.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The runbook's last resort: when to use it, and what it does (stop the processes,
 * restore every protected folder exactly from the backup or from {@code gitRef}, clean
 * generated files, run the full test suite).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NuclearOption(List<String> when, Boolean stopProcesses, List<RestoreStep> restore, String gitRef,
        Boolean clean) {

    public NuclearOption {
        when = when == null ? List.of() : List.copyOf(when);
        restore = restore == null ? List.of() : List.copyOf(restore);
    }
}
