package dev.rollbackshell.check;

import dev.rollbackshell.plan.Check;
import dev.rollbackshell.plan.ComponentCheck;
import dev.rollbackshell.plan.DataCheck;
import dev.rollbackshell.plan.PerformanceCheck;
import dev.rollbackshell.plan.Plan;
import dev.rollbackshell.plan.PythonSnippets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the plan's checks on one folder (the project, or a scratch copy of a backup):
 * imports, functionality, components, data, performance, tests. Commands run as argument
 * lists with the plan's environment, each with its time-out, one after the other.
 */
public final class CheckSuite {

    /** Which sections to run. */
    public record Options(boolean tests, boolean performance, boolean data) {
        public static final Options ALL = new Options(true, true, true);

        public static Options skipTests(boolean skip) {
            return new Options(!skip, true, true);
        }
    }

    private final Plan plan;
    private final Path dir;
    private final Progress progress;
    private final Map<String, String> env;
    private long checksMillis;

    public CheckSuite(Plan plan, Path dir, Progress progress) {
        this.plan = plan;
        this.dir = dir;
        this.progress = progress;
        this.env = environment(plan);
    }

    /** The environment of every check: the plan's, and no Python byte-code written into the project. */
    public static Map<String, String> environment(Plan plan) {
        Map<String, String> env = new HashMap<>();
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.put("PYTHONUNBUFFERED", "1");
        env.putAll(plan.envOrEmpty());
        return env;
    }

    public CheckReport run(Options options) {
        checksMillis = 0;
        List<CheckResult> imports = runChecks(plan.imports(), "import");
        List<CheckResult> functionality = runChecks(plan.functionality(), "functionality");
        List<CheckResult> components = plan.components() == null ? null : plan.components().stream().map(this::component).toList();
        Map<String, Boolean> status = null;
        if (plan.componentStatus() != null) {
            status = new LinkedHashMap<>();
            for (String f : plan.componentStatus()) {
                status.put(f, Files.exists(dir.resolve(f)));
            }
        }
        List<DataResult> data = null;
        if (options.data() && plan.data() != null) {
            data = new ArrayList<>();
            for (DataCheck d : plan.data()) {
                data.add(DataInspector.inspect(d, dir));
            }
            progress.say("data: " + data.stream().mapToInt(d -> d.files().size()).sum() + " files read");
        }
        PerformanceResult perf = options.performance() && plan.performance() != null
                ? CheckLanes.alone(() -> performance(plan.performance())) : null;
        TestRun tests = null;
        if (options.tests() && plan.tests() != null) {
            progress.say("tests: " + String.join(" ", TestRunner.describe(plan, dir)) + " ...");
            tests = CheckLanes.shared(() -> TestRunner.run(plan, dir, env, progress));
            checksMillis += tests.millis();
            progress.say("tests: " + tests.summary() + " (" + seconds(tests.millis()) + ")");
        }
        return new CheckReport(imports, functionality, components, status, data, perf, tests, checksMillis);
    }

    private List<CheckResult> runChecks(List<Check> checks, String kind) {
        if (checks == null) {
            return null;
        }
        List<CheckResult> out = new ArrayList<>();
        for (Check c : checks) {
            CheckResult r = run(c, kind);
            progress.say(kind + " " + c.id() + ": " + (r.passed() ? "ok" : "FAILED: " + r.summary()) + " (" + seconds(r.millis()) + ")");
            out.add(r);
        }
        return out;
    }

    /** Runs one check (an import, functionality or confirming check) in this folder. */
    public CheckResult run(Check c, String kind) {
        ProcessResult r = CheckLanes.shared(() -> CommandRunner.run(c.argv(plan.pythonExe()), dir, env, c.timeout(), progress, c.id()));
        checksMillis += r.millis();
        boolean passed = r.ok() && (c.expect() == null || r.output().contains(c.expect()));
        String summary = passed ? "ok" : r.ok() ? "output lacks '" + c.expect() + "'" : r.failureSummary();
        return new CheckResult(c.id(), c.label(), kind, passed, summary, FailureText.tail(r.output(), 16_000), r.millis());
    }

    private CheckResult component(ComponentCheck c) {
        long start = System.nanoTime();
        String title = c.title() == null ? c.id() : c.title();
        if (c.file() != null && !Files.isRegularFile(dir.resolve(c.file()))) {
            CheckResult r = new CheckResult(c.id(), title, "component", false, "file " + c.file() + " is missing", "",
                    (System.nanoTime() - start) / 1_000_000);
            progress.say("component " + c.id() + ": FAILED: " + r.summary());
            return r;
        }
        List<String> argv = null;
        if (c.command() != null) {
            argv = c.command();
        } else if (c.module() != null) {
            argv = new ArrayList<>(List.of(plan.pythonExe(), "-c", PythonSnippets.COMPONENT, c.module()));
            if (c.className() != null) {
                argv.add(c.className());
                if (c.methods() != null) {
                    argv.addAll(c.methods());
                }
            }
        }
        if (argv == null) {
            return new CheckResult(c.id(), title, "component", true, "ok", "", 0);
        }
        List<String> command = argv;
        ProcessResult r = CheckLanes.shared(() -> CommandRunner.run(command, dir, env, c.timeout(), progress, c.id()));
        checksMillis += r.millis();
        CheckResult res = new CheckResult(c.id(), title, "component", r.ok(), r.ok() ? "ok" : componentSummary(r),
                FailureText.tail(r.output(), 16_000), r.millis());
        progress.say("component " + c.id() + ": " + (res.passed() ? "ok" : "FAILED: " + res.summary()));
        return res;
    }

    private static String componentSummary(ProcessResult r) {
        List<String> lines = r.output().strip().lines().toList();
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        return r.exitCode() == 1 && !last.isEmpty() && !r.timedOut() ? last : r.failureSummary();
    }

    private PerformanceResult performance(PerformanceCheck pc) {
        Check check = pc.asCheck();
        Pattern pattern = pc.durationPattern() == null ? null : Pattern.compile(pc.durationPattern());
        List<Long> runs = new ArrayList<>();
        String measured = pattern == null ? "wall" : "reported";
        for (int i = 0; i < pc.runsOrDefault(); i++) {
            ProcessResult r = CommandRunner.run(check.argv(plan.pythonExe()), dir, env, check.timeout(), progress, pc.idOrDefault());
            checksMillis += r.millis();
            if (!r.ok()) {
                String why = r.failureSummary();
                progress.say("performance " + pc.idOrDefault() + ": could not be measured: " + why);
                return new PerformanceResult(pc.idOrDefault(), runs, null, measured, why, FailureText.tail(r.output(), 16_000));
            }
            long ms = r.millis();
            if (pattern != null) {
                Matcher m = pattern.matcher(r.output());
                if (m.find()) {
                    try {
                        ms = Math.round(Double.parseDouble(m.group(1)) * 1000);
                    } catch (NumberFormatException e) {
                        measured = "wall";
                    }
                } else {
                    measured = "wall";
                }
            }
            runs.add(ms);
        }
        long median = median(runs);
        progress.say("performance " + pc.idOrDefault() + ": median " + duration(median) + " of " + runs.size() + " runs");
        return new PerformanceResult(pc.idOrDefault(), runs, median, measured, null, null);
    }

    static long median(List<Long> values) {
        List<Long> s = new ArrayList<>(values);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /** "850ms" below a second, "2.35s" above: small timings stay readable. */
    public static String duration(long millis) {
        return millis < 1000 ? millis + "ms" : seconds(millis);
    }

    public static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.2fs", millis / 1000.0);
    }
}
