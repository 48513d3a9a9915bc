package dev.rollbackshell.diagnose;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rollbackshell.backup.Changes;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The result of {@code diagnose} (README, "JSON"; docs/plan.md, "diagnose"): the document {@code diagnose --json}
 * prints and the session keeps. Stable core: {@code healthy, backup, triggers, changed,
 * implicated, scenarios}; the rest is extra detail.
 *
 * @param implicated   changed files named in failure output (tracebacks, stack traces, missing
 *                     modules, damaged data files)
 * @param implicatedBy for each implicated file, how the failures name it
 * @param related      changed files that failing tests import (suspects when no traceback names one)
 * @param baseline     "backup" (recorded with it), "computed" (from its copies) or "none"
 * @param status       the plan's component status files: "present" or "absent"
 * @param cached       the checks' results came from the cache (nothing changed since {@code checkedAt})
 * @param checkedAt    when the checks ran
 * @param tree         fingerprint of the protected tree the checks ran on (status tells whether it still is)
 * @param baselineUnhealthy why the baseline was already broken (empty: healthy baseline); then
 *                     the diagnosis is not healthy whatever fired: it cannot tell regressions
 * @param knownGood    with {@code diagnose --find-good}: the last known good state found (or not)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Diagnosis(boolean healthy, String backup, List<Trigger> triggers, Changes changed, List<String> implicated,
        List<ScenarioMatch> scenarios, Instant at, String plan, String baseline, List<String> baselineNotes,
        Map<String, String> implicatedBy, List<String> related, List<String> failingTests, Map<String, String> status,
        boolean testsSkipped, Timing timing, boolean cached, Instant checkedAt, String tree,
        List<String> baselineUnhealthy, Suggestions.KnownGood knownGood) {

    public Diagnosis {
        triggers = List.copyOf(triggers);
        implicated = List.copyOf(implicated);
        scenarios = List.copyOf(scenarios);
        related = related == null ? List.of() : List.copyOf(related);
        failingTests = failingTests == null ? List.of() : List.copyOf(failingTests);
        baselineNotes = baselineNotes == null ? List.of() : List.copyOf(baselineNotes);
        baselineUnhealthy = baselineUnhealthy == null ? List.of() : List.copyOf(baselineUnhealthy);
    }

    /** Without the check-cache fields (results of a fresh run, tree not recorded). */
    public Diagnosis(boolean healthy, String backup, List<Trigger> triggers, Changes changed, List<String> implicated,
            List<ScenarioMatch> scenarios, Instant at, String plan, String baseline, List<String> baselineNotes,
            Map<String, String> implicatedBy, List<String> related, List<String> failingTests, Map<String, String> status,
            boolean testsSkipped, Timing timing) {
        this(healthy, backup, triggers, changed, implicated, scenarios, at, plan, baseline, baselineNotes, implicatedBy,
                related, failingTests, status, testsSkipped, timing, false, at, null, List.of(), null);
    }

    /** One rollback trigger: whether it fired, and what shows it (or why it did not, or that it was not checked). */
    public record Trigger(String id, boolean fired, List<String> evidence) {
        public Trigger {
            evidence = List.copyOf(evidence);
        }
    }

    /** A runbook scenario that matches the symptoms, and why (the signals seen). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ScenarioMatch(String id, String title, String why, Integer phase, int score) {
    }

    /**
     * Where the time went: {@code checksMillis} inside the external commands (now and, when
     * computed, for the baseline), {@code overheadMillis} everything else diagnose did;
     * {@code stages}: milliseconds per stage (changes, baseline, checks, triggers, implicated, scenarios).
     */
    public record Timing(long totalMillis, long checksMillis, long overheadMillis, java.util.Map<String, Long> stages) {
    }

    public Diagnosis withKnownGood(Suggestions.KnownGood kg) {
        return new Diagnosis(healthy, backup, triggers, changed, implicated, scenarios, at, plan, baseline, baselineNotes,
                implicatedBy, related, failingTests, status, testsSkipped, timing, cached, checkedAt, tree, baselineUnhealthy, kg);
    }

    @JsonIgnore
    public List<Trigger> fired() {
        return triggers.stream().filter(Trigger::fired).toList();
    }
}
