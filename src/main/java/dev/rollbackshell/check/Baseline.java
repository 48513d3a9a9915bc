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
 * @param unhealthy why the project was already broken when the baseline was taken (empty:
 *                 healthy): then it cannot tell regressions (docs/plan.md#diagnose)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Baseline(int version, Instant recordedAt, String source, String backup, String plan, List<String> notes,
        CheckReport checks, List<String> unhealthy) {

    public static final int VERSION = 1;
    public static final String FROM_BACKUP = "backup";
    public static final String COMPUTED = "computed";

    public Baseline {
        notes = notes == null ? List.of() : List.copyOf(notes);
        unhealthy = List.copyOf(unhealthy == null ? assess(checks) : unhealthy); // null: read from an older baseline
    }

    public Baseline(int version, Instant recordedAt, String source, String backup, String plan, List<String> notes,
            CheckReport checks) {
        this(version, recordedAt, source, backup, plan, notes, checks, null);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean healthy() {
        return unhealthy.isEmpty();
    }

    /**
     * Why a baseline's checks say the project was already broken: a test suite that passed no
     * test while failing or not running, or that timed out; import or functionality checks that
     * all fail. Empty when healthy.
     */
    public static List<String> assess(CheckReport r) {
        List<String> why = new java.util.ArrayList<>();
        if (r == null) {
            return why;
        }
        TestRun t = r.tests();
        if (t != null) {
            boolean broken = t.tests().stream().anyMatch(TestOutcome::broken) || !t.problems().isEmpty() || t.exitCode() != 0;
            if (t.timedOut()) {
                why.add("the test suite timed out (" + t.summary() + ")");
            } else if (t.count(TestOutcome.PASSED) == 0 && broken) {
                why.add("the test suite passed no test (" + t.summary() + (t.problems().isEmpty() ? ""
                        : "; " + t.problems().get(0)) + ")");
            }
        }
        List<CheckResult> startup = new java.util.ArrayList<>(r.importsOrEmpty());
        startup.addAll(r.functionalityOrEmpty());
        if (!startup.isEmpty() && startup.stream().noneMatch(CheckResult::passed)) {
            why.add("every import and functionality check failed (" + startup.get(0).id() + ": " + startup.get(0).summary() + ")");
        }
        return why;
    }
}
