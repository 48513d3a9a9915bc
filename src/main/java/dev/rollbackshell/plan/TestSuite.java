package dev.rollbackshell.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Set;

/**
 * How to run the project's automated tests and read per-test results.
 *
 * <ul>
 * <li>{@code pytest}: {@code python -m pytest PATHS} with a JUnit XML report; falls back to
 *     {@code unittest} when pytest is not installed.</li>
 * <li>{@code unittest}: {@code python -m unittest discover -v -s PATHS[0]}, results read from
 *     its verbose output.</li>
 * <li>{@code maven}: {@code command} (default {@code mvn -q -B test}), results from Surefire
 *     XML reports in {@code reports} (default {@code target/surefire-reports}).</li>
 * <li>{@code npm}: {@code npm test}; one result for the whole run unless {@code reports}
 *     names JUnit XML files.</li>
 * <li>{@code command}: any {@code command}; JUnit XML from {@code reports} when given, else
 *     one result for the whole run.</li>
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TestSuite(String runner, List<String> command, List<String> paths, List<String> args, String reports,
        Integer timeoutSeconds) {

    public static final Set<String> RUNNERS = Set.of("pytest", "unittest", "maven", "npm", "command");
    public static final int DEFAULT_TIMEOUT = 1800;

    public TestSuite {
        PlanException.require(runner != null, "tests: runner is required (one of " + String.join(", ", sorted()) + ")");
        PlanException.require(RUNNERS.contains(runner), "tests: unknown runner '" + runner + "' (one of "
                + String.join(", ", sorted()) + ")");
        PlanException.require(!runner.equals("command") || (command != null && !command.isEmpty()),
                "tests: runner 'command' needs a command");
        PlanException.require(timeoutSeconds == null || timeoutSeconds > 0, "tests: timeoutSeconds must be positive");
        command = command == null ? null : List.copyOf(command);
        paths = paths == null ? null : paths.stream().map(p -> PlanException.relativePath(p, "tests path")).toList();
        args = args == null ? null : List.copyOf(args);
        if (reports != null) {
            reports = PlanException.relativePath(reports, "tests reports");
        }
    }

    private static List<String> sorted() {
        return RUNNERS.stream().sorted().toList();
    }

    public int timeout() {
        return timeoutSeconds == null ? DEFAULT_TIMEOUT : timeoutSeconds;
    }

    public List<String> pathsOrDefault() {
        return paths == null || paths.isEmpty() ? List.of("tests") : paths;
    }
}
