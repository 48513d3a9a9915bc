package dev.rollbackshell.check;

import dev.rollbackshell.plan.PerformanceCheck;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares the checks run now with a baseline (null when there is none): what regressed.
 * Shared by {@code diagnose} (the triggers) and {@code verify} (the validation steps), so
 * both judge the same way. Every finding is one line of evidence a person can act on.
 */
public final class Compare {

    private static final int MAX_LINES = 20;

    private final CheckReport base;
    private final CheckReport now;
    private final Set<String> backupPaths;

    /**
     * @param backupPaths the files the backup holds (project-relative): data files that were
     *                    there and are gone count as lost even without a baseline
     */
    public Compare(Baseline baseline, CheckReport now, Set<String> backupPaths) {
        this.base = baseline == null ? null : baseline.checks();
        this.now = now;
        this.backupPaths = backupPaths == null ? Set.of() : backupPaths;
    }

    public boolean hasBaseline() {
        return base != null;
    }

    // ---- tests ----

    /** Tests that passed in the baseline and fail now (or, with no baseline tests, every failing test). */
    public List<TestOutcome> regressedTests() {
        if (now.tests() == null) {
            return List.of();
        }
        Map<String, String> before = baseTests();
        List<TestOutcome> out = new ArrayList<>();
        for (TestOutcome t : now.tests().tests()) {
            if (!t.broken()) {
                continue;
            }
            if (before == null || TestOutcome.PASSED.equals(before.get(t.id())) || !before.containsKey(t.id())
                    && isModuleFailure(t)) {
                out.add(t);
            }
        }
        return out;
    }

    /** Tests failing now that failed the same way in the baseline: not a regression. */
    public List<TestOutcome> alreadyFailing() {
        Map<String, String> before = baseTests();
        if (now.tests() == null || before == null) {
            return List.of();
        }
        return now.tests().tests().stream().filter(TestOutcome::broken)
                .filter(t -> before.containsKey(t.id()) && !TestOutcome.PASSED.equals(before.get(t.id()))).toList();
    }

    /** Tests that passed in the baseline and did not run now, when the run had errors (a module that no longer imports). */
    public List<String> vanishedTests() {
        Map<String, String> before = baseTests();
        if (now.tests() == null || before == null || now.tests().problems().isEmpty()) {
            return List.of();
        }
        Set<String> ran = new HashSet<>();
        now.tests().tests().forEach(t -> ran.add(t.id()));
        return before.entrySet().stream().filter(e -> TestOutcome.PASSED.equals(e.getValue()) && !ran.contains(e.getKey()))
                .map(Map.Entry::getKey).sorted().toList();
    }

    /** A whole test module that failed to load (unittest's _FailedTest, a pytest collection error), not one test. */
    public static boolean isModuleFailure(TestOutcome t) {
        return t.id().startsWith("unittest.loader.") || t.detail() != null && t.detail().startsWith("collection failure");
    }

    private Map<String, String> baseTests() {
        if (base == null || base.tests() == null || base.tests().tests().isEmpty()) {
            return null;
        }
        Map<String, String> m = new HashMap<>();
        base.tests().tests().forEach(t -> m.put(t.id(), t.status()));
        return m;
    }

    /** Evidence lines for the test regressions (names and what they say now), plus run-level problems. */
    public List<String> testEvidence() {
        List<String> lines = new ArrayList<>();
        if (now.tests() == null) {
            return lines;
        }
        boolean haveBase = baseTests() != null;
        for (TestOutcome t : regressedTests()) {
            if (isModuleFailure(t)) {
                continue; // said by the run's problems: "test module x does not import: ..."
            }
            List<String> errors = FailureText.errorLines(t.detail());
            lines.add(t.id() + ": " + (haveBase ? "passed in the baseline, " : "") + t.status() + " now"
                    + (errors.isEmpty() ? "" : ": " + errors.get(errors.size() - 1)));
        }
        List<String> gone = vanishedTests();
        if (!gone.isEmpty()) {
            lines.add(gone.size() + " tests that passed in the baseline did not run now: " + String.join(", ", limit(gone, 5)));
        }
        lines.addAll(now.tests().problems());
        return cap(lines);
    }

    // ---- imports and functionality ----

    /**
     * Import and functionality checks failing now, except those failing exactly as they did
     * in the baseline (an old failure is reported, never a regression); one that fails
     * differently, or did not fail then, counts.
     */
    public List<CheckResult> failingStartupChecks() {
        List<CheckResult> out = new ArrayList<>();
        now.importsOrEmpty().stream().filter(c -> !c.passed() && !failsAsInBaseline(c)).forEach(out::add);
        now.functionalityOrEmpty().stream().filter(c -> !c.passed() && !failsAsInBaseline(c)).forEach(out::add);
        return out;
    }

    /** Import and functionality checks failing now exactly as in the baseline. */
    public List<CheckResult> startupFailingAsInBaseline() {
        List<CheckResult> out = new ArrayList<>();
        now.importsOrEmpty().stream().filter(this::failsAsInBaseline).forEach(out::add);
        now.functionalityOrEmpty().stream().filter(this::failsAsInBaseline).forEach(out::add);
        return out;
    }

    /** The check fails now and failed the same way in the baseline (same error, paths and numbers aside). */
    public boolean failsAsInBaseline(CheckResult c) {
        return !c.passed() && base(c).filter(b -> !b.passed() && sameFailure(b.summary(), c.summary())).isPresent();
    }

    /** Two failure lines say the same, whatever folder they ran in and however long they took. */
    static boolean sameFailure(String a, String b) {
        return a != null && b != null && normalized(a).equals(normalized(b));
    }

    private static String normalized(String line) {
        return line.replaceAll("(/[^\\s'\"():,]+)+/", "").replaceAll("\\d+(\\.\\d+)?", "#").strip();
    }

    public List<String> checkEvidence(List<CheckResult> failing) {
        List<String> lines = new ArrayList<>();
        for (CheckResult c : failing) {
            List<String> errors = FailureText.errorLines(c.output());
            List<String> named = errors.stream().filter(e -> e.startsWith("import ") && e.contains(" failed: ")).toList();
            if (!named.isEmpty()) {
                named.forEach(e -> lines.add(c.id() + ": " + e));
            } else {
                lines.add(c.id() + " (" + c.kind() + "): " + c.summary());
            }
            base(c).filter(b -> !b.passed()).ifPresent(b -> lines.add(c.id() + " failed differently in the baseline: "
                    + b.summary()));
        }
        return cap(lines);
    }

    private java.util.Optional<CheckResult> base(CheckResult c) {
        if (base == null) {
            return java.util.Optional.empty();
        }
        return c.kind().equals("component") ? base.component(c.id()) : base.check(c.id());
    }

    // ---- components ----

    /** Component checks failing now that did not fail in the baseline. */
    public List<CheckResult> brokenComponents() {
        return now.componentsOrEmpty().stream().filter(c -> !c.passed())
                .filter(c -> base(c).map(CheckResult::passed).orElse(true)).toList();
    }

    /** Component checks failing now that failed in the baseline too. */
    public List<CheckResult> componentsAlreadyFailing() {
        return now.componentsOrEmpty().stream().filter(c -> !c.passed())
                .filter(c -> base(c).map(b -> !b.passed()).orElse(false)).toList();
    }

    public List<String> componentEvidence() {
        List<String> lines = new ArrayList<>();
        for (CheckResult c : brokenComponents()) {
            lines.add(c.id() + ": " + c.summary() + (base(c).isPresent() ? " (worked in the baseline)" : ""));
        }
        return cap(lines);
    }

    // ---- data ----

    /** Data files missing, unparseable, or with fewer records than in the baseline. */
    public List<String> dataProblems() {
        return new DataComparison(base, now, backupPaths).problems();
    }

    /** Data files a data problem names (for the implicated files). */
    public static String pathOf(String dataProblem) {
        int i = dataProblem.indexOf(": ");
        return i < 0 ? dataProblem : dataProblem.substring(0, i);
    }

    /** "2 files, 9 records" for the data read now. */
    public String dataSummary() {
        return new DataComparison(base, now, backupPaths).summary();
    }

    // ---- performance ----

    /** The performance verdict: regressed or not, and why, in one line. Null when not run. */
    public PerfVerdict performance(PerformanceCheck pc) {
        return PerformanceComparison.verdict(now.performance(), base == null ? null : base.performance(), pc);
    }

    /** @param failedToRun the check itself failed (no time measured) */
    public record PerfVerdict(boolean regressed, boolean failedToRun, String line) {
    }

    private static List<String> limit(List<String> l, int n) {
        if (l.size() <= n) {
            return l;
        }
        List<String> out = new ArrayList<>(l.subList(0, n));
        out.add("... " + (l.size() - n) + " more");
        return out;
    }

    static List<String> cap(List<String> lines) {
        if (lines.size() <= MAX_LINES) {
            return lines;
        }
        List<String> out = new ArrayList<>(lines.subList(0, MAX_LINES));
        out.add("... and " + (lines.size() - MAX_LINES) + " more");
        return out;
    }
}
