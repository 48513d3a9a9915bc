package dev.rollbackshell.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Set;

/**
 * Data files to keep intact: every file matching {@code glob} must parse as {@code format},
 * and hold at least as many records as when the backup was made.
 * Records: {@code json} the length of the top-level array or object (the runbook's
 * {@code len(data)}), {@code jsonl} non-empty lines (each must parse), {@code csv} rows
 * after the header, {@code lines} non-empty lines.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataCheck(String id, String glob, String format) {

    public static final Set<String> FORMATS = Set.of("json", "jsonl", "csv", "lines");

    public DataCheck {
        PlanException.require(id != null && !id.isBlank(), "data check: id is required");
        glob = PlanException.relativePath(glob, "data check " + id + ": glob");
        if (format == null) {
            format = glob.endsWith(".jsonl") || glob.endsWith(".ndjson") ? "jsonl"
                    : glob.endsWith(".csv") ? "csv" : glob.endsWith(".json") ? "json" : "lines";
        }
        PlanException.require(FORMATS.contains(format), "data check " + id + ": unknown format '" + format
                + "' (json, jsonl, csv, lines)");
    }
}
