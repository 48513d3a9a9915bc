package dev.rollbackshell.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.rollbackshell.plan.Plan;
import dev.rollbackshell.project.Clocks;
import dev.rollbackshell.shell.DirectStart;
import dev.rollbackshell.testing.CommandTestBase;
import dev.rollbackshell.testing.GitCli;
import dev.rollbackshell.testing.SampleProject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Golden files: the text and {@code --json} output of every reporting command on the demo
 * project (the sample broken by phase 1, backed up before), with the clock standing still
 * and no colour, compared with {@code src/test/resources/golden/NN-command.txt}. What still
 * varies between runs (durations, the project's temporary path, git commit ids) is replaced
 * by placeholders. On a mismatch the test prints a unified diff of every file that differs.
 *
 * <p>Regenerate after an intended change of output, then read the diff in git:
 * {@code ./mvnw -B -o test -Dtest=GoldenTest -Dgolden.update=true}.
 */
class GoldenTest extends CommandTestBase {

    static final Path GOLDEN = Path.of("src/test/resources/golden");
    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static final Pattern DURATION = Pattern.compile("(?<![\\w.])\\d+(\\.\\d+)? ?(ms|s)\\b");
    private static final Pattern PERCENT = Pattern.compile("[+-]\\d+%(?=, limit)");
    private static final Pattern COMMIT = Pattern.compile("(?<![0-9a-f])(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\\d)[0-9a-f]{7,40}(?![0-9a-f])");
    private static final Pattern PROJECT_NAME = Pattern.compile("rollback-command-\\d*");
    private static final Pattern WRAPPED_NAME = Pattern.compile("command-\\d+");
    private static final Pattern LOG_TIME = Pattern.compile("(?!2024-05-14)\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3}");
    private static final Pattern JSON_TIMING = Pattern.compile(
            // measured times only: the plan's own limits (maxSeconds, noiseMillis, timeoutSeconds) stay as written
            "(\"(?!maxSeconds|noiseMillis|timeoutSeconds)(?:\\w*(?:[Mm]illis|[Ss]econds)|changes|baseline|checks|triggers|implicated|scenarios)\" : )\\d+(\\.\\d+)?(?=,?$)",
            Pattern.MULTILINE);
    private static final Pattern TREE = Pattern.compile("\"tree\" : \"[0-9a-f]{64}\"");
    // whether a timing beat the limit in per cent (and was then let off by the noise floor) depends on the machine's load
    private static final Pattern NOISE_LET_OFF = Pattern.compile(
            "; the\\s+\\S+(\\s+\\S+)?\\s+difference\\s+is\\s+under\\s+the\\s+plan's\\s+noise\\s+floor\\s+of\\s+[^,]+,\\s+so\\s+not\\s+a\\s+regression");
    private static final Pattern TMP = Pattern.compile("/tmp/[^\\s\"',)]*");

    @BeforeAll
    static void fixClock() {
        System.setProperty(Clocks.PROPERTY, NOW.toString());
    }

    @AfterAll
    static void freeClock() {
        System.clearProperty(Clocks.PROPERTY);
    }

    @Test
    void aTimingLetOffByTheNoiseFloorReadsLikeOneWithinTheLimit() {
        // a loaded CI machine can make the demo's timing 50% slower; the noise floor then lets it off
        String wrapped = "ok   performance-regressed scaling-evaluation: median 1.20 s now vs 0.70 s in the baseline (+71%, limit +50%);"
                + " the 0.50 s difference is under the plan's noise\n         floor of 600.00 s, so not a regression\n";
        String within = "ok   performance-regressed scaling-evaluation: median 0.71 s now vs 0.70 s in the baseline (+1%, limit +50%)\n";
        assertThat(normalize(wrapped)).isEqualTo(normalize(within));
    }

    @Test
    void everyCommandOnTheDemo() throws Exception {
        SampleProject.copyTo(PROJECT);
        // the built-in runbook as the project's plan, with a noise floor for the performance
        // check that no scheduling hiccup of a loaded test machine reaches: timings are not golden
        try (var in = Plan.class.getResourceAsStream("runbook.yml")) {
            String runbook = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Files.writeString(PROJECT.resolve("rollback-plan.yml"),
                    runbook.replace("  thresholdPercent: 50\n", "  thresholdPercent: 50\n  noiseMillis: 600000\n"));
        }
        GitCli git = GitCli.init(PROJECT).as("Athena Demo", "demo@athena.invalid", NOW);
        git.commitAll("Athena before phase 1");
        step("backup create --phase 1 --message before-phase-1", false);
        SampleProject.breakIt(PROJECT, "1");
        git.commitAll("Phase 1: consolidate progress tracking into MetricsCollector");

        Map<String, String> outputs = new LinkedHashMap<>();
        List<String> script = List.of(
                "plan show", "plan show --json", "plan scenarios", "plan scenarios --json",
                "backup list", "backup list --json", "backup show", "backup show --json",
                "backup verify", "backup verify --json",
                "status", "status --json", "diff --stat",
                "diff src/batch_processor/dynamic_scaling_controller.py",
                "diagnose", "diagnose --json", "suggest", "suggest --json",
                "restore file src/batch_processor/progress_tracker.py --dry-run",
                "restore file src/batch_processor/progress_tracker.py --dry-run --json",
                "restore all --dry-run", "restore scenario 1A --dry-run",
                "restore suggestion 1 --yes", "verify", "verify --json",
                "undo --list", "undo --list --json", "undo", "status",
                "clean --dry-run", "clean --dry-run --json", "processes", "processes --json",
                "logs --tail 5", "logs --errors", "report",
                "backup select 20261201_1200", "restore file ../etc/passwd");
        int n = 0;
        List<String> direct = new ArrayList<>();
        for (String line : script) {
            n++;
            String output = step(line, false);
            outputs.put(String.format("%02d-%s.txt", n, slug(line)), output);
            if (DirectStart.serves(List.of(line.split(" ")))) {
                // a one-shot line that starts without Spring prints exactly what the shell prints
                assertThat(step(line, true)).as("'%s' started directly", line).isEqualTo(output);
                direct.add(line);
            }
        }
        assertThat(direct).as("the lines started directly, among the golden ones").containsExactly(
                "plan show", "plan show --json", "plan scenarios", "plan scenarios --json",
                "backup list", "backup list --json", "status", "status --json", "status");
        compare(outputs);
    }

    private String step(String line, boolean direct) {
        Result r = direct ? runDirect(line.split(" ")) : run(line.split(" "));
        StringBuilder sb = new StringBuilder("$ rollback-shell ").append(line).append('\n');
        if (!r.screen().isBlank()) {
            sb.append(r.screen().stripTrailing()).append('\n');
        }
        if (r.error() != null && !r.screen().contains(r.error())) {
            sb.append("stderr: ").append(r.error()).append('\n');
        }
        sb.append("[exit ").append(r.status()).append("]\n");
        return normalize(sb.toString());
    }

    static String normalize(String text) {
        // the screen pads lines with spaces: strip them first, so that patterns anchored at a line's end match
        List<String> lines = new ArrayList<>();
        for (String l : text.split("\n", -1)) {
            lines.add(l.stripTrailing());
        }
        String s = String.join("\n", lines).replace(PROJECT.toString(), "<project>");
        s = PROJECT_NAME.matcher(s).replaceAll("<project-name>");
        s = WRAPPED_NAME.matcher(s).replaceAll("command-<n>");
        s = LOG_TIME.matcher(s).replaceAll("<log-time>");
        s = JSON_TIMING.matcher(s).replaceAll("$1<t>");
        s = TMP.matcher(s).replaceAll("<tmp>");
        s = TREE.matcher(s).replaceAll("\"tree\" : \"<fingerprint>\"");
        s = DURATION.matcher(s).replaceAll("<t>");
        s = PERCENT.matcher(s).replaceAll("<pct>");
        s = NOISE_LET_OFF.matcher(s).replaceAll("");
        return COMMIT.matcher(s).replaceAll("<commit>");
    }

    private static String slug(String line) {
        return line.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "").toLowerCase();
    }

    private static void compare(Map<String, String> outputs) throws IOException {
        boolean update = Boolean.getBoolean("golden.update");
        if (update) {
            Files.createDirectories(GOLDEN);
            try (var old = Files.list(GOLDEN)) {
                for (Path p : old.toList()) {
                    if (Files.isRegularFile(p) && p.getFileName().toString().matches("\\d\\d-.*\\.txt")) {
                        Files.delete(p); // this test's files only (fit/ belongs to FitTest)
                    }
                }
            }
        }
        StringBuilder diffs = new StringBuilder();
        for (var e : outputs.entrySet()) {
            Path file = GOLDEN.resolve(e.getKey());
            if (update) {
                Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
                continue;
            }
            String expected = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            if (!expected.equals(e.getValue())) {
                diffs.append(UnifiedDiff.of("golden/" + e.getKey(), expected, e.getValue()));
            }
        }
        if (!diffs.isEmpty()) {
            fail("output differs from the golden files (regenerate with"
                    + " ./mvnw -B -o test -Dtest=GoldenTest -Dgolden.update=true if intended):\n" + diffs);
        }
    }
}
