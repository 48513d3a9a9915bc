package dev.rollbackshell.check;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One run of the test suite.
 *
 * @param runner   pytest, unittest, maven, npm, command (what really ran: pytest falls back to unittest)
 * @param tests    per-test results (one entry for the whole run when the runner gives no more)
 * @param problems run-level errors: collection errors, a test module that does not import, a time-out
 * @param output   the end of the runner's output (left out of baselines)
 * @param note     what the reader should know (a fallback taken...)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TestRun(String runner, List<String> command, int exitCode, boolean timedOut, List<TestOutcome> tests,
        List<String> problems, String output, long millis, String note) {

    public TestRun {
        tests = tests == null ? List.of() : List.copyOf(tests);
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    @JsonIgnore
    public boolean ok() {
        return exitCode == 0 && !timedOut && tests.stream().noneMatch(TestOutcome::broken);
    }

    public long count(String status) {
        return tests.stream().filter(t -> t.status().equals(status)).count();
    }

    /** "12 passed, 2 failed, 1 error, 1 skipped". */
    @JsonIgnore
    public String summary() {
        StringBuilder b = new StringBuilder();
        for (String s : List.of(TestOutcome.PASSED, TestOutcome.FAILED, TestOutcome.ERROR, TestOutcome.SKIPPED)) {
            long n = count(s);
            if (n > 0 || s.equals(TestOutcome.PASSED)) {
                b.append(b.length() == 0 ? "" : ", ").append(n).append(' ').append(s);
            }
        }
        if (timedOut) {
            b.append(", timed out");
        }
        return b.toString();
    }

    /** The same run without outputs and tracebacks: what a baseline keeps. */
    public TestRun compact() {
        return new TestRun(runner, command, exitCode, timedOut, tests.stream().map(TestOutcome::withoutDetail).toList(),
                problems, null, millis, note);
    }
}
