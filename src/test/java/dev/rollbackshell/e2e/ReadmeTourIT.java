package dev.rollbackshell.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.testing.Launcher;
import dev.rollbackshell.testing.SampleProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the README's tour true: runs the tour's commands on a fresh demo, through the real
 * launcher, and checks that each key line stands both in the README and in what the
 * commands really printed.
 */
class ReadmeTourIT {

    private static final String TOUR = String.join("\n", "diagnose", "suggest", "restore suggestion 1 --yes", "undo",
            "undo --redo", "status", "report --out incident.md", "");

    /** Lines of the tour that must stay true (timestamps and times vary, so they are left out). */
    private static final List<String> KEY_LINES = List.of(
            "FIRED  tests-regressed       critical tests fail that were passing before",
            "FIRED  startup-failed        system cannot start or import errors prevent basic functionality",
            "ok   data-damaged          4 files, 87 records, all parse, none fewer than in the baseline",
            "FIRED  component-broken      a component completely non-functional",
            "CHANGED SINCE THE BACKUP  2 added, 4 modified, 1 deleted",
            "A src/utils/text_normalizer.py",
            "D src/batch_processor/progress_tracker.py",
            "src/progress_tracking/metrics_collector.py         'ProgressTracker' cannot be imported from it, modified since the backup",
            "1A      Import Errors After Consolidation",
            "UNHEALTHY: 3 of 5 triggers fired. Next: 'suggest' for ranked rollback actions",
            " 1. restore 3 files the failures point at",
            " 2. runbook scenario 1A",
            "wrote  src/batch_processor/progress_tracker.py            3.5 KiB  missing",
            "wrote 3 files (8.5 KiB), removed 0 (0 B), left 0 unchanged",
            "Full Test Suite     passed          28 passed",
            "verify: ok (5 passed, 0 failed, 0 not configured; compared with the baseline of backup",
            "2 files written back, 1 removed",
            "3 files written back, 0 removed",
            "changes      2 added, 2 modified, 0 deleted since the backup",
            "added     src/utils/text_normalizer.py",
            "verified     ok (5 passed, 0 failed, 0 not configured)");

    @TempDir
    Path temp;

    /**
     * The one verdict that load can flip: the performance trigger times the checks, and with
     * the other end-to-end tests on both cores it has fired (218 ms against a 108 ms
     * baseline). The tool now measures a slowdown twice, so a burst of load no longer fires
     * it, but load that lasts both rounds still can. Then, and only then, the count says 4
     * triggers; every other line must match.
     */
    private static String underLoad(String line, String out) {
        if (line.startsWith("UNHEALTHY: 3 of 5") && out.contains("FIRED  performance-regressed")) {
            return line.replace("3 of 5", "4 of 5");
        }
        return line;
    }

    @Test
    void theTourInTheReadmeIsWhatTheCommandsPrint() throws IOException {
        String readme = Files.readString(Launcher.repo().resolve("README.md"));
        Path dir = temp.resolve("athena-demo");
        Launcher.Run run = Launcher.exec(temp, TOUR, Map.of("ROLLBACK_SHELL_JAR", System.getProperty("rollback.jar"),
                "TMPDIR", temp.toString()),
                List.of(Launcher.script("demo").toString(), dir.toString()));

        for (String line : KEY_LINES) {
            assertThat(readme).as("README tour").contains(line);
            assertThat(run.out()).as("what the tour printed").contains(underLoad(line, run.out()));
        }
        // every command of the tour is in the README's transcript
        for (String command : TOUR.strip().split("\n")) {
            String typed = command.replace(" --yes", "");
            assertThat(Pattern.compile("\\]> " + Pattern.quote(typed) + "$", Pattern.MULTILINE).matcher(readme).find())
                    .as("README shows '" + typed + "'").isTrue();
        }
        assertThat(Files.readString(dir.resolve("incident.md"))).startsWith("# Incident report")
                .contains("| restore |").contains("| undo |");
        assertThat(SampleProject.goodChangeKept(dir)).as("the good change survived the rescue").isTrue();
    }
}
