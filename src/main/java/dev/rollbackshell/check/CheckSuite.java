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
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the plan's checks on one folder (the project, or a scratch copy of a backup):
 * imports, functionality, components, data, performance, tests. Commands run as argument
 * lists with the plan's environment, each with its time-out; the independent ones run at
 * the same time on the machine's cores, the performance check alone.
 */
public final class CheckSuite {

    /**
     * Which sections to run, and on how many threads ({@code jobs}; 1 runs them one after
     * the other). The performance check always runs alone, whatever {@code jobs} says.
     */
    public record Options(boolean tests, boolean performance, boolean data, int jobs) {
        public static final Options ALL = new Options(true, true, true);

        public Options(boolean tests, boolean performance, boolean data) {
            this(tests, performance, data, defaultJobs());
        }

        public Options {
            jobs = Math.max(1, jobs);
        }

        public static Options skipTests(boolean skip) {
            return new Options(!skip, true, true);
        }

        /** The same sections on {@code n} threads. */
        public Options withJobs(int n) {
            return new Options(tests, performance, data, n);
        }
    }

    /** Environment variable that sets how many checks run at once (default: the machine's cores; 1: one after the other). */
    public static final String JOBS_VARIABLE = "ROLLBACK_CHECK_JOBS";

    /** How many checks run at once by default: {@value #JOBS_VARIABLE} when set, else the cores the JVM sees. */
    public static int defaultJobs() {
        String v = System.getenv(JOBS_VARIABLE);
        if (v != null && !v.isBlank()) {
            try {
                return Math.max(1, Integer.parseInt(v.strip()));
            } catch (NumberFormatException e) {
                // not a number: the default
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    private final Plan plan;
    private final Path dir;
    private final Progress progress;
    private final Map<String, String> env;
    private final Slowdown slowdown;
    private final AtomicLong checksMillis = new AtomicLong();

    /** {@code interpreter}: the run's, shared by every suite of that run (a run of its own: {@code Interpreter.of(dir)}). */
    public CheckSuite(Plan plan, Path dir, Progress progress, Interpreter interpreter) {
        this(plan, dir, progress, interpreter, Slowdown.NONE);
    }

    /** {@code slowdown}: the rule the results will be judged by, so the performance check confirms a slowdown. */
    public CheckSuite(Plan plan, Path dir, Progress progress, Interpreter interpreter, Slowdown slowdown) {
        this.plan = plan;
        this.dir = dir;
        this.progress = progress;
        this.env = interpreter.environment(plan);
        this.slowdown = slowdown;
    }

    /** The environment of every check: the plan's, and no Python byte-code written into the project. */
    public static Map<String, String> environment(Plan plan) {
        Map<String, String> env = new HashMap<>();
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.put("PYTHONUNBUFFERED", "1");
        env.putAll(plan.envOrEmpty());
        return env;
    }

    /**
     * Runs the chosen sections. The performance check runs first and alone (no other check
     * beside it, so its timings stay honest); then the independent checks (each import,
     * functionality and component check, the data files, the test suite) run on
     * {@code options.jobs()} threads, the test suite started first as it is the longest.
     * Each check's progress lines are held back until the checks before it in the plan's
     * order have printed theirs, so the output reads the same in any order of completion;
     * the results are the same as one after the other (docs/plan.md, "Checks in parallel").
     */
    public CheckReport run(Options options) {
        checksMillis.set(0);
        List<Check> imports = plan.imports();
        List<Check> functionality = plan.functionality();
        List<ComponentCheck> components = plan.components();
        boolean data = options.data() && plan.data() != null;
        boolean perf = options.performance() && plan.performance() != null;
        boolean tests = options.tests() && plan.tests() != null;

        // lanes in the order the output shows them
        int nImports = imports == null ? 0 : imports.size();
        int nFunctionality = functionality == null ? 0 : functionality.size();
        int nComponents = components == null ? 0 : components.size();
        int iFunctionality = nImports;
        int iComponents = iFunctionality + nFunctionality;
        int iData = iComponents + nComponents;
        int iPerf = iData + (data ? 1 : 0);
        int iTests = iPerf + (perf ? 1 : 0);
        int lanes = iTests + (tests ? 1 : 0);
        OrderedProgress out = new OrderedProgress(progress, lanes);

        PerformanceResult perfResult = null;
        long perfMillis = 0;
        if (perf) {
            long perfStart = System.nanoTime();
            perfResult = performance(plan.performance(), out.lane(iPerf));
            out.done(iPerf);
            perfMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - perfStart);
        }
        List<Callable<Object>> tasks = new ArrayList<>();
        List<Integer> laneOf = new ArrayList<>();
        if (tests) {
            Progress p = out.lane(iTests);
            tasks.add(() -> {
                p.say("tests: " + String.join(" ", TestRunner.describe(plan, dir)) + " ...");
                TestRun run = CheckLanes.shared(() -> TestRunner.run(plan, dir, env, p));
                checksMillis.addAndGet(run.millis());
                p.say("tests: " + run.summary() + " (" + seconds(run.millis()) + ")");
                return run;
            });
            laneOf.add(iTests);
        }
        for (int i = 0; i < nImports; i++) {
            Check c = imports.get(i);
            Progress p = out.lane(i);
            tasks.add(() -> runAndSay(c, "import", p));
            laneOf.add(i);
        }
        for (int i = 0; i < nFunctionality; i++) {
            Check c = functionality.get(i);
            Progress p = out.lane(iFunctionality + i);
            tasks.add(() -> runAndSay(c, "functionality", p));
            laneOf.add(iFunctionality + i);
        }
        for (int i = 0; i < nComponents; i++) {
            ComponentCheck c = components.get(i);
            Progress p = out.lane(iComponents + i);
            tasks.add(() -> component(c, p));
            laneOf.add(iComponents + i);
        }
        if (data) {
            Progress p = out.lane(iData);
            tasks.add(() -> {
                List<DataResult> results = new ArrayList<>();
                for (DataCheck d : plan.data()) {
                    results.add(DataInspector.inspect(d, dir));
                }
                p.say("data: " + results.stream().mapToInt(d -> d.files().size()).sum() + " files read");
                return results;
            });
            laneOf.add(iData);
        }
        long poolStart = System.nanoTime();
        Map<Integer, Object> results = CheckPool.runAll(tasks, laneOf, out, options.jobs());
        if (options.jobs() > 1 && tasks.size() > 1) {
            // side by side, the commands' times overlap: count the time they took together
            checksMillis.set(perfMillis + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - poolStart));
        }

        Map<String, Boolean> status = null;
        if (plan.componentStatus() != null) {
            status = new LinkedHashMap<>();
            for (String f : plan.componentStatus()) {
                status.put(f, Files.exists(dir.resolve(f)));
            }
        }
        return new CheckReport(section(imports, 0, results), section(functionality, iFunctionality, results),
                section(components, iComponents, results), status, data ? dataResults(results.get(iData)) : null,
                perfResult, tests ? (TestRun) results.get(iTests) : null, checksMillis.get());
    }

    @SuppressWarnings("unchecked")
    private static List<DataResult> dataResults(Object o) {
        return (List<DataResult>) o;
    }

    private static List<CheckResult> section(List<?> checks, int first, Map<Integer, Object> results) {
        if (checks == null) {
            return null;
        }
        List<CheckResult> out = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            out.add((CheckResult) results.get(first + i));
        }
        return out;
    }

    private CheckResult runAndSay(Check c, String kind, Progress p) {
        CheckResult r = run(c, kind, p);
        p.say(kind + " " + c.id() + ": " + (r.passed() ? "ok" : "FAILED: " + r.summary()) + " (" + seconds(r.millis()) + ")");
        return r;
    }

    /** Runs one check (an import, functionality or confirming check) in this folder. */
    public CheckResult run(Check c, String kind) {
        return run(c, kind, progress);
    }

    private CheckResult run(Check c, String kind, Progress heartbeat) {
        ProcessResult r = CheckLanes.shared(() -> CommandRunner.run(c.argv(plan.pythonExe()), dir, env, c.timeout(), heartbeat, c.id()));
        checksMillis.addAndGet(r.millis());
        boolean passed = r.ok() && (c.expect() == null || r.output().contains(c.expect()));
        String summary = passed ? "ok" : r.ok() ? "output lacks '" + c.expect() + "'" : r.failureSummary();
        return new CheckResult(c.id(), c.label(), kind, passed, summary, FailureText.tail(r.output(), 16_000), r.millis());
    }

    private CheckResult component(ComponentCheck c, Progress progress) {
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
        checksMillis.addAndGet(r.millis());
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

    /** Runs only the plan's performance check (null when it has none): what a cached run still runs. */
    public PerformanceResult performance() {
        return plan.performance() == null ? null : performance(plan.performance(), progress);
    }

    /** The performance check never runs beside another check, of this suite or of another one (CheckLanes). */
    private PerformanceResult performance(PerformanceCheck pc, Progress progress) {
        return CheckLanes.alone(() -> new PerformanceRun(plan.pythonExe(), dir, env, checksMillis::addAndGet).measure(pc, slowdown,
                progress));
    }

    /** "850ms" below a second, "2.35s" above: small timings stay readable. */
    public static String duration(long millis) {
        return millis < 1000 ? millis + "ms" : seconds(millis);
    }

    public static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.2fs", millis / 1000.0);
    }
}
