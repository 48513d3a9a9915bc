package dev.rollbackshell.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rollbackshell.project.AtomicFiles;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.RollbackException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code init [--force]}: writes a commented {@code rollback-plan.yml} for the project from
 * what {@link ProjectDetector} finds, so a person can read and edit it. Refuses (exit 2)
 * to overwrite an existing plan without {@code --force}. The text written always loads.
 */
public final class PlanInit {

    private static final ObjectMapper FLOW = new ObjectMapper();

    /**
     * What was written and what was found.
     *
     * @param leftOut modules left out of the import check because they fail to import here today, each with its error
     */
    public record Result(Path file, ProjectDetector.Detection detection, boolean replaced, String text,
            Map<String, String> leftOut) {
    }

    /**
     * Tries imports the way the plan's checks would run them (its interpreter, environment,
     * the project as working folder): the modules that fail, each with its error line.
     */
    @FunctionalInterface
    public interface ImportTrial {
        Map<String, String> failing(Plan plan, Path root, List<String> modules);
    }

    private PlanInit() {
    }

    /** Writes the plan without trying its imports. */
    public static Result write(Project project, boolean force) {
        return write(project, force, null);
    }

    /**
     * Writes the plan; with {@code trial}, each module the import check would list is tried
     * first, and those that fail today are left out, with a comment saying why: a check that
     * already fails before anything is rolled back can only fire on old failures (issue 8, item 7).
     */
    public static Result write(Project project, boolean force, ImportTrial trial) {
        Path file = project.root().resolve(PlanLoader.FILE_NAME);
        boolean exists = Files.exists(file);
        if (exists && !force) {
            throw RollbackException.badInput(PlanLoader.FILE_NAME + " already exists; run 'init --force' to replace it"
                    + " (or edit it: 'plan show' prints the active plan)");
        }
        ProjectDetector.Detection d = ProjectDetector.detect(project.root());
        boolean runbook = ProjectDetector.looksLikeRunbookProject(project.root());
        String text = render(d, runbook);
        Plan plan = PlanLoader.parse(text, PlanLoader.FILE_NAME); // what we write must load
        Map<String, String> leftOut = Map.of();
        if (trial != null && !runbook && d.python() && !d.modules().isEmpty()) {
            leftOut = new LinkedHashMap<>(trial.failing(plan, project.root(), d.modules()));
            if (!leftOut.isEmpty()) {
                text = render(d, false, leftOut);
                PlanLoader.parse(text, PlanLoader.FILE_NAME);
            }
        }
        try {
            AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return new Result(file, d, exists, text, leftOut);
    }

    /** The commented plan for a detection. */
    public static String render(ProjectDetector.Detection d, boolean runbookProject) {
        return render(d, runbookProject, Map.of());
    }

    /** The same, with the modules of {@code leftOut} commented out of the import check, each with why. */
    static String render(ProjectDetector.Detection d, boolean runbookProject, Map<String, String> leftOut) {
        StringBuilder y = new StringBuilder();
        y.append("# rollback-plan.yml: the rollback runbook of this project, as data for rollback-shell.\n")
                .append("# Written by 'rollback-shell init' from what it found:\n");
        for (String n : d.notes()) {
            y.append("#   - ").append(n).append('\n');
        }
        y.append("# Edit freely; 'rollback-shell plan show' prints the active plan, docs/plan.md describes every key.\n")
                .append("# A check that is absent is reported as \"not configured\" by verify, never as passed.\n\n");
        if (runbookProject) {
            y.append("# This is the runbook's own system: every key left out below (checks, components, data,\n")
                    .append("# performance, the phases and scenarios 1A-3C, the nuclear option) comes from the built-in runbook.\n")
                    .append("extends: runbook\n\n");
        }
        y.append("name: ").append(str(d.processPattern().replaceAll("^[a-z]+\\.\\*", ""))).append("\n\n");
        y.append("# Folders a backup copies and a restore may write (each becomes <folder>_backup/ in a backup).\n")
                .append("protectedFolders: ").append(flow(d.folders())).append("\n\n");
        if (d.python()) {
            y.append("# Interpreter for the Python checks and test runners.\npython: python3\n")
                    .append("# Environment of every check. PYTHONPATH puts the working tree first, so checks and tests\n")
                    .append("# import the files being restored, not an installed copy.\n")
                    .append("env:\n  PYTHONPATH: ").append(str(d.pythonPath())).append("\n\n");
        }
        y.append("# The automated tests (rollback trigger \"critical tests fail that were passing before\").\n");
        if (d.runner() == null) {
            y.append("# No test runner was recognised; give the command, for example:\n")
                    .append("# tests:\n#   runner: command\n#   command: [make, test]\n")
                    .append("#   reports: build/test-results   # JUnit XML reports, for per-test results\n\n");
        } else {
            y.append("tests:\n  runner: ").append(d.runner()).append('\n');
            switch (d.runner()) {
                case "pytest" -> y.append("  # python3 -m pytest <paths> with a JUnit XML report; unittest when pytest is not installed\n")
                        .append("  paths: ").append(flow(List.of(d.testsDir() == null ? "tests" : d.testsDir()))).append('\n');
                case "unittest" -> y.append("  # python3 -m unittest discover -v -s <path>; per-test results from its output\n")
                        .append("  paths: ").append(flow(List.of(d.testsDir() == null ? "tests" : d.testsDir()))).append('\n');
                case "maven" -> y.append("  command: ").append(flow(d.testCommand())).append('\n')
                        .append("  # per-test results: the Surefire XML reports this run writes\n")
                        .append("  reports: target/surefire-reports\n");
                default -> y.append("  command: ").append(flow(d.testCommand())).append('\n').append("gradle".equals(d.kind())
                        ? "  # per-test results: the JUnit XML reports Gradle writes\n  reports: build/test-results/test\n"
                        : "  # reports: test-results   # JUnit XML written by the run (jest-junit...), for per-test results\n");
            }
            y.append("  timeoutSeconds: 1800\n\n");
        }
        if (runbookProject) {
            return y.toString();
        }
        y.append("# Import checks (rollback trigger \"system cannot start or import errors\"; verify step imports).\n");
        List<String> kept = d.modules().stream().filter(m -> !leftOut.containsKey(m)).toList();
        if (!leftOut.isEmpty()) {
            y.append("# Left out: modules that fail to import here today, tried with this plan's interpreter and\n")
                    .append("# environment when it was written. A check that fails before anything is rolled back cannot\n")
                    .append("# tell a rollback apart; put one back when it imports on this machine.\n");
            leftOut.forEach((m, why) -> y.append("#   ").append(str(m)).append(": ").append(oneLine(why)).append('\n'));
        }
        if (d.python() && !kept.isEmpty()) {
            y.append("imports:\n  - id: modules\n    title: every module imports\n    imports:\n");
            for (String m : kept) {
                y.append("      - ").append(str(m)).append('\n');
            }
            y.append('\n');
        } else if (d.python()) {
            y.append("# imports:\n#   - id: modules\n#     imports: [mypackage, mypackage.core]\n\n");
        } else {
            y.append("# imports:\n#   - id: compiles\n#     command: [mvn, -q, -B, compile]\n\n");
        }
        y.append("# Core functionality checks: commands (argument lists, no shell) that must exit 0.\n")
                .append("# functionality:\n#   - id: core-init\n");
        if (d.python()) {
            y.append("#     python: |\n#       from mypackage import App\n#       App().start()\n\n");
        } else {
            y.append("#     command: [java, -jar, target/app.jar, --self-test]\n\n");
        }
        y.append("# Components that must keep working: a file present, a module importable, a class with its methods.\n")
                .append("# components:\n#   - id: scheduler\n#     file: src/app/scheduler.py\n")
                .append("#     module: app.scheduler\n#     class: Scheduler\n#     methods: [run, stop]\n\n");
        y.append("# Data files that must stay intact: each parses, and keeps at least the records it had at the backup.\n");
        if (!d.dataGlobs().isEmpty()) {
            y.append("data:\n");
            int i = 1;
            for (String g : d.dataGlobs()) {
                y.append("  - id: data-").append(i++).append("\n    glob: ").append(str(g)).append('\n');
            }
            y.append('\n');
        } else {
            y.append("# data:\n#   - id: metrics\n#     glob: \"data/metrics/*.json\"\n#     format: json   # json, jsonl, csv, lines\n\n");
        }
        y.append("# The performance check (rollback trigger \"performance degradation > 50%\"): median of runs vs the baseline.\n")
                .append("# performance:\n#   runs: 3\n#   thresholdPercent: 50\n#   maxSeconds: 5.0      # limit when there is no baseline\n");
        y.append(d.python() ? "#   python: |\n#     from mypackage import App\n#     App().benchmark()\n\n"
                : "#   command: [./bench.sh]\n\n");
        y.append("# The system's log file ('logs') and its processes ('processes').\n");
        y.append(d.logFile() != null ? "logFile: " + str(d.logFile()) + "\n" : "# logFile: logs/app.log\n");
        y.append("processPattern: ").append(str(d.processPattern())).append('\n');
        y.append("# Generated files 'clean' removes inside the protected folders.\ncleanPatterns: ")
                .append(flow(d.python() ? Plan.DEFAULT_CLEAN : List.of())).append("\n\n");
        y.append("# Phases of the work and their rollback scenarios: what they look like (signals) and what to restore.\n")
                .append("# phases:\n#   - phase: 1\n#     title: Merge the trackers\n#     scenarios:\n")
                .append("#       - id: 1A\n#         title: Import errors after the merge\n")
                .append("#         symptoms: ImportError naming the tracker\n")
                .append("#         signals:\n#           - error: \"(ImportError|ModuleNotFoundError).*tracker\"\n")
                .append("#           - deleted: \"src/app/tracker.py\"\n")
                .append("#         restore:\n#           - from: backup\n#             paths: [src/app/tracker.py]\n")
                .append("#           - from: git\n#             ref: HEAD~1\n#             paths: [src/app/importer.py]\n")
                .append("#         confirm:\n#           id: 1A-import\n#           python: \"from app.tracker import Tracker\"\n");
        return y.toString();
    }

    private static String flow(List<String> items) {
        try {
            return FLOW.writeValueAsString(items);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String oneLine(String s) {
        String line = String.valueOf(s).strip().lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 157) + "..." : line;
    }

    private static String str(String s) {
        try {
            return FLOW.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
