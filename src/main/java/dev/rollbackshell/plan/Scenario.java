package dev.rollbackshell.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A runbook scenario: what it looks like ({@code symptoms}, and {@code signals} that let
 * {@code diagnose} recognise it), how to recover ({@code restore} steps, then
 * {@code fallback} steps if {@code confirm} still fails) and the check that confirms it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Scenario(String id, String title, String symptoms, List<Signal> signals, Boolean stopProcesses,
        List<RestoreStep> restore, List<RestoreStep> fallback, Check confirm, String notes) {

    public Scenario {
        PlanException.require(id != null && id.matches("[A-Za-z0-9_.-]+"),
                "scenario: id is required (letters, digits, - _ .), like 1A");
        PlanException.require(title != null && !title.isBlank(), "scenario " + id + ": title is required");
        signals = signals == null ? List.of() : List.copyOf(signals);
        restore = restore == null ? List.of() : List.copyOf(restore);
        fallback = fallback == null ? List.of() : List.copyOf(fallback);
    }

    public boolean stopsProcesses() {
        return Boolean.TRUE.equals(stopProcesses);
    }
}
