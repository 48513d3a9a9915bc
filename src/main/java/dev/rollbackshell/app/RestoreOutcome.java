package dev.rollbackshell.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rollbackshell.restore.RestoreReport;
import dev.rollbackshell.verify.Verification;
import java.util.List;

/**
 * What {@code restore suggestion} and {@code restore scenario} did, and what their
 * {@code --json} prints: the restores (one journal entry), then the verification after
 * them (none in a dry run).
 *
 * @param applied      "suggestion 1 (files from 20260101_120000)", "scenario 1A (...)": the journal entry's summary
 * @param verification null in a dry run and before the verification ran
 * @param worse        what got worse than in the diagnosis before the restore (suggestions only)
 * @param notes        what was adapted, or what to do next
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RestoreOutcome(String applied, List<RestoreReport> restores, Verification verification, List<String> worse,
        List<String> notes) {
}
