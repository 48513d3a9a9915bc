package dev.rollbackshell.check;

import dev.rollbackshell.plan.Plan;
import dev.rollbackshell.project.Meter;
import dev.rollbackshell.plan.TestSuite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Runs the plan's test suite in a folder and collects per-test results: pytest through a
 * JUnit XML report (unittest when pytest is not installed), unittest from its verbose
 * output, Maven from the Surefire reports written by this run, anything else as one
 * result for the whole run (or from JUnit XML reports when the plan names them).
 */
public final class TestRunner {

    private static final Map<String, Boolean> PYTEST_PRESENT = new ConcurrentHashMap<>();

    private TestRunner() {
    }

    public static TestRun run(Plan plan, Path dir, Map<String, String> env, Progress progress) {
        TestSuite suite = plan.tests();
        String runner = suite.runner();
        String note = null;
        if (runner.equals("pytest") && !pytestPresent(plan.pythonExe(), dir, env)) {
            runner = "unittest";
            note = "pytest is not installed for " + plan.pythonExe() + "; ran the tests with unittest";
            progress.say("  (" + note + ")");
        }
        return switch (runner) {
            case "pytest" -> pytest(plan, suite, dir, env, progress, note);
            case "unittest" -> unittest(plan, suite, dir, env, progress, note);
            case "maven" -> reportsRun("maven", mavenCommand(suite, dir), suite, dir, env, progress,
                    suite.reports() == null ? "target/surefire-reports" : suite.reports());
            case "npm" -> reportsRun("npm", suite.command() != null ? suite.command() : List.of("npm", "test"), suite, dir,
                    env, progress, suite.reports());
            default -> reportsRun("command", suite.command(), suite, dir, env, progress, suite.reports());
        };
    }

    /** The command line the plan's test suite runs with, as shown to people. */
    public static List<String> describe(Plan plan, Path dir) {
        TestSuite s = plan.tests();
        return switch (s.runner()) {
            case "pytest" -> s.command() != null ? s.command() : pytestCommand(plan, s, null);
            case "unittest" -> s.command() != null ? s.command() : unittestCommand(plan, s.pathsOrDefault().get(0));
            case "maven" -> mavenCommand(s, dir);
            case "npm" -> s.command() != null ? s.command() : List.of("npm", "test");
            default -> s.command();
        };
    }

    static boolean pytestPresent(String python, Path dir, Map<String, String> env) {
        String key = python + "\0" + env.get("PYTHONPATH") + "\0" + dir;
        return PYTEST_PRESENT.computeIfAbsent(key, k -> CommandRunner.run(List.of(python, "-c", "import pytest"), dir, env, 60).ok());
    }

    /**
     * A recorded test command as it compares with another: without the report option naming
     * a run's temporary file, which baselines recorded by earlier versions still hold.
     */
    public static List<String> comparable(List<String> command) {
        return command.stream().filter(a -> !(a.startsWith("--junitxml=") && a.contains("rollback-pytest"))).toList();
    }

    private static List<String> pytestCommand(Plan plan, TestSuite s, Path xml) {
        List<String> argv = new ArrayList<>(List.of(plan.pythonExe(), "-m", "pytest"));
        argv.addAll(s.pathsOrDefault());
        argv.addAll(List.of("-p", "no:cacheprovider", "--tb=short", "--continue-on-collection-errors"));
        if (s.args() != null) {
            argv.addAll(s.args());
        }
        if (xml != null) {
            argv.add("--junitxml=" + xml);
        }
        return argv;
    }

    private static TestRun pytest(Plan plan, TestSuite s, Path dir, Map<String, String> env, Progress progress, String note) {
        Path xml = null;
        try {
            xml = Files.createTempFile("rollback-pytest", ".xml");
            List<String> argv;
            if (s.command() != null) {
                argv = new ArrayList<>(s.command());
                if (argv.stream().noneMatch(a -> a.startsWith("--junitxml"))) {
                    argv.add("--junitxml=" + xml);
                }
            } else {
                argv = pytestCommand(plan, s, xml);
            }
            // recorded without this run's temporary report: two runs of one plan ran one command
            List<String> shown = describe(plan, dir);
            ProcessResult r = counted("pytest", argv, dir, env, s.timeout(), progress);
            List<TestOutcome> tests = Files.size(xml) > 0 ? JUnitXml.read(xml) : List.of();
            List<String> problems = new ArrayList<>();
            List<TestOutcome> kept = new ArrayList<>();
            for (TestOutcome t : tests) {
                if (t.broken() && t.detail() != null && t.detail().startsWith("collection failure")) {
                    problems.add("collection error in " + t.id() + ": " + lastError(t.detail()));
                }
                kept.add(t);
            }
            return finish("pytest", shown, r, kept, problems, note);
        } catch (IOException e) {
            return new TestRun("pytest", List.of(), -1, false, List.of(), List.of("cannot run pytest: " + e.getMessage()), null, 0, note);
        } finally {
            deleteQuietly(xml);
        }
    }

    private static List<String> unittestCommand(Plan plan, String path) {
        return List.of(plan.pythonExe(), "-m", "unittest", "discover", "-v", "-b", "-s", path);
    }

    private static TestRun unittest(Plan plan, TestSuite s, Path dir, Map<String, String> env, Progress progress, String note) {
        List<List<String>> commands = new ArrayList<>();
        if (s.command() != null && s.runner().equals("unittest")) {
            commands.add(s.command());
        } else {
            for (String p : s.pathsOrDefault()) {
                commands.add(unittestCommand(plan, p));
            }
        }
        List<TestOutcome> tests = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        ProcessResult worst = null;
        StringBuilder output = new StringBuilder();
        long millis = 0;
        for (List<String> argv : commands) {
            ProcessResult r = counted("unittest", argv, dir, env, s.timeout(), progress);
            millis += r.millis();
            output.append(r.output());
            for (TestOutcome t : UnittestOutput.parse(r.output())) {
                if (t.id().startsWith("unittest.loader._FailedTest.") || t.id().startsWith("unittest.loader.ModuleImportFailure.")) {
                    problems.add("test module " + t.id().substring(t.id().lastIndexOf('.') + 1) + " does not import: "
                            + lastError(t.detail()));
                }
                tests.add(t);
            }
            if (worst == null || !r.ok()) {
                worst = r;
            }
        }
        ProcessResult combined = new ProcessResult(commands.get(0), worst.exitCode(), output.toString(), millis,
                worst.timedOut(), worst.startError());
        return finish("unittest", commands.get(0), combined, tests, problems, note);
    }

    private static List<String> mavenCommand(TestSuite s, Path dir) {
        if (s.command() != null) {
            return s.command();
        }
        return Files.isExecutable(dir.resolve("mvnw")) ? List.of("./mvnw", "-q", "-B", "test") : List.of("mvn", "-q", "-B", "test");
    }

    private static TestRun reportsRun(String runner, List<String> argv, TestSuite s, Path dir, Map<String, String> env,
            Progress progress, String reports) {
        long start = System.currentTimeMillis() - 1_000;
        ProcessResult r = counted(runner, argv, dir, env, s.timeout(), progress);
        List<TestOutcome> tests = new ArrayList<>();
        if (reports != null) {
            for (Path f : reportFiles(dir, reports, start)) {
                tests.addAll(JUnitXml.read(f));
            }
        }
        List<String> problems = new ArrayList<>();
        if (tests.isEmpty()) {
            String whole = String.join(" ", argv);
            String detail = r.ok() ? null : FailureText.tail(r.output(), JUnitXml.DETAIL_MAX);
            tests.add(new TestOutcome(whole, r.ok() ? TestOutcome.PASSED : TestOutcome.FAILED, null, detail));
            if (!r.ok() && reports != null) {
                problems.add("no test reports were written to " + reports + " (" + r.failureSummary() + ")");
            }
        }
        return finish(runner, argv, r, tests, problems, null);
    }

    /** Runs one test command, its tests counted on the progress line as it prints them ({@link TestCount}). */
    private static ProcessResult counted(String runner, List<String> argv, Path dir, Map<String, String> env, int timeout,
            Progress progress) {
        try (Meter.Task count = Meter.startLive("tests", "tests")) {
            return CommandRunner.run(argv, dir, env, timeout, progress, "tests", TestCount.of(runner, count));
        }
    }

    /** Report files written by this run: {@code reports} (a folder, at the top or one module down). */
    static List<Path> reportFiles(Path dir, String reports, long sinceMillis) {
        List<Path> folders = new ArrayList<>();
        folders.add(dir.resolve(reports));
        try (Stream<Path> modules = Files.list(dir)) {
            modules.filter(Files::isDirectory).map(m -> m.resolve(reports)).forEach(folders::add);
        } catch (IOException e) {
            // no modules
        }
        List<Path> files = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> s = Files.list(folder)) {
                s.filter(f -> f.getFileName().toString().endsWith(".xml"))
                        .filter(f -> {
                            try {
                                return Files.getLastModifiedTime(f).toMillis() >= sinceMillis;
                            } catch (IOException e) {
                                return false;
                            }
                        })
                        .sorted().forEach(files::add);
            } catch (IOException e) {
                // unreadable folder: no reports
            }
        }
        return files;
    }

    private static TestRun finish(String runner, List<String> argv, ProcessResult r, List<TestOutcome> tests,
            List<String> problems, String note) {
        List<String> all = new ArrayList<>(problems);
        if (tests.isEmpty() && problems.isEmpty() && (runner.equals("pytest") || runner.equals("unittest"))
                && (r.exitCode() == 5 || r.exitCode() == 0) && !r.timedOut() && r.startError() == null) {
            // pytest's and unittest's "no tests ran": nothing failed
            return new TestRun(runner, argv, 0, false, tests, all, FailureText.tail(r.output(), 64_000), r.millis(),
                    (note == null ? "" : note + "; ") + "no tests were found");
        }
        if (r.startError() != null || r.timedOut()) {
            all.add(r.failureSummary());
        } else if (tests.isEmpty() && !r.ok()) {
            all.add("the test run failed without test results: " + r.failureSummary());
        }
        return new TestRun(runner, argv, r.exitCode(), r.timedOut(), tests, all, FailureText.tail(r.output(), 64_000),
                r.millis(), note);
    }

    private static String lastError(String detail) {
        List<String> errors = FailureText.errorLines(detail);
        return errors.isEmpty() ? "see its output" : errors.get(errors.size() - 1);
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // temp file
            }
        }
    }
}
