package dev.rollbackshell.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One of the runbook's five validation steps, as {@code verify} names them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ValidationStep(String id, String title, String description) {

    public static final List<String> IDS = List.of("imports", "functionality", "data-integrity", "performance", "tests");

    public ValidationStep {
        PlanException.require(IDS.contains(id), "validation step: id must be one of " + String.join(", ", IDS)
                + (id == null ? "" : ", not '" + id + "'"));
    }
}
