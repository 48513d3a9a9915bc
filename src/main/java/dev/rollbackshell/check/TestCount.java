package dev.rollbackshell.check;

import dev.rollbackshell.project.Meter;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts a test run's tests from its output as it prints it, for the progress line: the
 * runner's own words, without changing its command line (the baseline's command must stay
 * comparable). pytest: "collected 28 items" gives the total, each result character of its
 * progress lines ({@code tests/test_a.py ..F.  [ 14%]}) or each {@code -v} result line
 * counts one. unittest ({@code -v}): each "test_x (...) ... ok" line. Maven: each
 * Surefire "Tests run: N, ... -- in Class" line counts N (nothing is printed with
 * {@code -q}: then nothing shows).
 */
final class TestCount implements Consumer<String> {

    private static final Pattern PYTEST_COLLECTED = Pattern.compile("^collected (\\d+) items?\\b");
    private static final Pattern PYTEST_DOTS = Pattern.compile("^(?:\\S+\\.py )?([.FEsxX]+)\\s*(?:\\[\\s*\\d+%])?$");
    private static final Pattern PYTEST_VERBOSE = Pattern.compile("^\\S+::\\S+ (?:PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS)\\b");
    private static final Pattern UNITTEST = Pattern.compile(
            " \\.\\.\\. (?:ok|FAIL|ERROR|skipped\\b.*|expected failure|unexpected success)$");
    private static final Pattern SUREFIRE = Pattern.compile("^\\[(?:INFO|WARNING|ERROR)] Tests run: (\\d+), .* -- in \\S");

    private final String runner;
    private final Meter.Task task;

    private TestCount(String runner, Meter.Task task) {
        this.runner = runner;
        this.task = task;
    }

    /** A listener for the output of {@code runner} ("pytest", "unittest", "maven"; others count nothing). */
    static Consumer<String> of(String runner, Meter.Task task) {
        return new TestCount(runner, task);
    }

    @Override
    public void accept(String line) {
        long n = count(runner, line, task);
        if (n > 0) {
            task.add(n, 0);
        }
    }

    /** How many tests {@code line} reports as done; a total it announces goes to {@code task}. */
    static long count(String runner, String line, Meter.Task task) {
        switch (runner) {
            case "pytest" -> {
                Matcher c = PYTEST_COLLECTED.matcher(line);
                if (c.find()) {
                    task.expect(Long.parseLong(c.group(1)));
                    return 0;
                }
                Matcher d = PYTEST_DOTS.matcher(line);
                if (d.matches()) {
                    return d.group(1).length();
                }
                return PYTEST_VERBOSE.matcher(line).find() ? 1 : 0;
            }
            case "unittest" -> {
                return UNITTEST.matcher(line).find() ? 1 : 0;
            }
            case "maven" -> {
                Matcher m = SUREFIRE.matcher(line);
                return m.find() ? Long.parseLong(m.group(1)) : 0;
            }
            default -> {
                return 0;
            }
        }
    }
}
