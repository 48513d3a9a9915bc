package dev.rollbackshell.shell.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Output that fits the terminal, against golden files: {@code golden/fit/diagnose.txt}
 * (a real diagnosis with long evidence lines, as the renderer printed it) fitted to 80, 100
 * and 200 columns is {@code diagnose-W.txt}. {@code -Dgolden.update=true} rewrites them
 * (then read the diff).
 */
class FitTest {

    @AfterEach
    void noWidth() {
        Fit.columnsFrom(() -> 0);
    }

    @ParameterizedTest(name = "{0} columns")
    @ValueSource(ints = {80, 100, 200})
    void aDiagnosisFitsAtEachWidth(int width) throws IOException {
        String fitted = Fit.text(golden("diagnose.txt"), width);
        for (String line : fitted.split("\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(width);
        }
        String original = golden("diagnose.txt");
        for (String word : fitted.split("\\s+")) {
            assertThat(original.contains(word) || word.contains("…")).as("only wrapped or shortened: " + word).isTrue();
        }
        matchGolden("diagnose-" + width + ".txt", fitted);
    }

    @Test
    void wrapsAtSpacesUnderTheTextAfterTheLabel() {
        String line = "    restores:   src/batch_processor/dynamic_scaling_controller.py, src/batch_processor/progress_tracker.py";
        assertThat(Fit.line(line, 70)).containsExactly(
                "    restores:   src/batch_processor/dynamic_scaling_controller.py,",
                "                src/batch_processor/progress_tracker.py");
        String evidence = "         - 9 tests that passed in the baseline did not run now: tests.test_batch_manager.BatchManagerTest";
        assertThat(Fit.line(evidence, 60)).containsExactly(
                "         - 9 tests that passed in the baseline did not run",
                "           now: tests.test_batch_manager.BatchManagerTest");
        assertThat(Fit.line("UNHEALTHY: 3 of 5 triggers fired. Next: 'suggest' for ranked rollback actions", 40))
                .containsExactly("UNHEALTHY: 3 of 5 triggers fired. Next:", "           'suggest' for ranked rollback",
                        "           actions");
    }

    @Test
    void aTooLongPathIsShortenedInTheMiddleAndShortLinesAreLeftAlone() {
        assertThat(Fit.middle("src/batch_processor/dynamic_scaling_controller.py", 30))
                .hasSize(30).startsWith("src/").endsWith("controller.py").contains("…");
        assertThat(Fit.line("  wrote  src/a.py  2.4 KB", 80)).containsExactly("  wrote  src/a.py  2.4 KB");
        assertThat(Fit.text("a\n\nb\n", 80)).isEqualTo("a\n\nb\n");
        assertThat(Fit.text("x ".repeat(100), 0)).isEqualTo("x ".repeat(100)); // 0: not a terminal, unchanged
    }

    @Test
    void anErrorIsWrappedAtSpacesUnderItsTextWithEveryWordWhole() {
        String path = "/tmp/a-rather-long-project-folder/redundancy_reduction_backups/20261203_140854/manifest.json";
        String error = "error: the manifest is damaged; move it aside: mv " + path + " " + path + ".damaged";
        String wrapped = Fit.wrap(error, 60);
        assertThat(wrapped.lines()).allSatisfy(l -> assertThat(l.length() <= 60 || !l.strip().contains(" ")).isTrue());
        assertThat(wrapped.lines().skip(1)).allSatisfy(l -> assertThat(l).startsWith("       ").doesNotStartWith("        "));
        assertThat(wrapped).contains("\n       " + path + "\n").contains(path + ".damaged");
        assertThat(wrapped.replaceAll("\n +", " ")).isEqualTo(error);
        assertThat(Fit.wrap(error, 0)).isEqualTo(error);
    }

    @Test
    void colourCodesTakeNoColumns() {
        String red = "\u001B[31mFIRED\u001B[0m";
        assertThat(Fit.line("  " + red + "  short", 30)).containsExactly("  " + red + "  short");
        assertThat(Fit.stripAnsi("\u001B[1m\u001B[31mBUILD FAILURE\u001B[0m")).isEqualTo("BUILD FAILURE");
    }

    @Test
    void aTableShrinksItsWidestColumnToFit() {
        Fit.columnsFrom(() -> 50);
        String t = Table.of("ID", "BRANCH", ">FILES").row("20261126_065059", "redundancy_reduction_phase_1_backup_with_a_long_name", 42)
                .row("20261126_070000", "main", 7).render();
        for (String line : t.split("\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(50);
        }
        assertThat(t).contains("20261126_065059").contains("redundancy_").contains("…").contains("42");
        Fit.columnsFrom(() -> 0);
        assertThat(Table.of("ID", "BRANCH").row("1", "x".repeat(100)).render()).contains("x".repeat(100));
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = FitTest.class.getResourceAsStream("/golden/fit/" + name)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void matchGolden(String name, String actual) throws IOException {
        Path file = Path.of("src/test/resources/golden/fit", name);
        if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual);
            return;
        }
        assertThat(actual).as("golden file " + file + " (-Dgolden.update=true rewrites it)").isEqualTo(Files.readString(file));
    }
}
