package dev.rollbackshell.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A phase of the work (runbook: Phase 1 Progress Tracking...) and its scenarios. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Phase(Integer phase, String title, List<Scenario> scenarios) {

    public Phase {
        PlanException.require(phase != null && phase >= 0, "phase: number is required (phase: 1)");
        scenarios = scenarios == null ? List.of() : List.copyOf(scenarios);
    }
}
