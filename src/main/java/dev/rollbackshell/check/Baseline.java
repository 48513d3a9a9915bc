package dev.rollbackshell.check;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * {@code baseline.json}: the plan's check results when a backup was made (docs/backups.md, "On disk"):
 * per-test pass/fail, import/functionality/component results, the performance check's
 * median, data files with their parse status and record counts.
 *
 * @param source   "backup" (recorded by {@code backup create} on the project as it was) or
 *                 "computed" (run later on a scratch copy of the backup's own files)
 * @param notes    what the baseline lacks and why (a folder the backup does not hold...)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Baseline(int version, Instant recordedAt, String source, String backup, String plan, List<String> notes,
        CheckReport checks) {

    public static final int VERSION = 1;
    public static final String FROM_BACKUP = "backup";
    public static final String COMPUTED = "computed";

    public Baseline {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
