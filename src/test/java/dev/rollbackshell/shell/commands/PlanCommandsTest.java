package dev.rollbackshell.shell.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.testing.CommandTestBase;
import dev.rollbackshell.testing.Fixtures;
import dev.rollbackshell.testing.TestFiles;
import org.junit.jupiter.api.Test;

/** plan show, plan scenarios, init, logs, report through the shell. */
class PlanCommandsTest extends CommandTestBase {

    @Test
    void planShowNamesTheBuiltInRunbook() {
        Result r = run("plan", "show");
        assertThat(r.status()).isZero(); // the text itself: PlanIT
    }

    @Test
    void planScenariosListsEveryPhase() {
        Result r = run("plan", "scenarios");
        assertThat(r.status()).isZero();
    }

    @Test
    void malformedPlanIsRefusedWithLineAndColumn() throws Exception {
        TestFiles.write(PROJECT, "rollback-plan.yml", "name: x\ntests:\n  runner: nose\n");
        Result r = run("plan", "show");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.error()).startsWith("rollback-plan.yml:3:").contains("unknown runner 'nose'");
    }

    @Test
    void initWritesOnceThenNeedsForce() throws Exception {
        Fixtures.flatPython(PROJECT);
        Result r = run("init");
        assertThat(r.status()).isZero();
        assertThat(PROJECT.resolve("rollback-plan.yml")).exists();
        Result again = run("init");
        assertThat(again.status()).isEqualTo(2);
        assertThat(again.error()).contains("already exists").contains("init --force");
        assertThat(run("init", "--force").status()).isZero();
        assertThat(TestFiles.read(PROJECT, "rollback-plan.yml")).contains("runner: pytest");
    }

    @Test
    void logsHighlightErrorsAndRefuseABadTail() throws Exception {
        TestFiles.write(PROJECT, "data/logs/system.log", "INFO a\nERROR b failed\nINFO c\n");
        Result r = run("logs", "--errors");
        assertThat(r.status()).isZero();
        assertThat(run("logs", "--tail", "1").status()).isZero(); // the text itself: PlanIT
        Result bad = run("logs", "--tail", "0");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.error()).contains("--tail must be at least 1");
    }

    @Test
    void logsWithoutALogFileIsAProblem() {
        Result r = run("logs");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.error()).contains("no log file data/logs/system.log");
    }

    @Test
    void reportIsWrittenBesideTheProtectedFoldersOnly() throws Exception {
        Result r = run("report", "--out", "incident.md");
        assertThat(r.status()).isZero();
        assertThat(TestFiles.read(PROJECT, "incident.md")).startsWith("# Incident report").contains("## Timeline");
        Result refused = run("report", "--out", "src/incident.md");
        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.error()).contains("inside src/");
        assertThat(PROJECT.resolve("src/incident.md")).doesNotExist();
    }

    @Test
    void reportNeverOverwritesGitFilesOrAnExistingFileUnlessForced() throws Exception {
        TestFiles.write(PROJECT, ".git/config", "[core]\n");
        Result git = run("report", "--out", ".git/config");
        assertThat(git.status()).isEqualTo(2);
        assertThat(git.error()).contains("inside .git/");
        assertThat(TestFiles.read(PROJECT, ".git/config")).isEqualTo("[core]\n");
        java.nio.file.Files.createSymbolicLink(PROJECT.resolve("sneaky.md"), PROJECT.resolve(".git/config"));
        assertThat(run("report", "--out", "sneaky.md").status()).isEqualTo(2);
        assertThat(TestFiles.read(PROJECT, ".git/config")).isEqualTo("[core]\n");

        TestFiles.write(PROJECT, "notes.md", "my notes\n");
        Result exists = run("report", "--out", "notes.md");
        assertThat(exists.status()).isEqualTo(2);
        assertThat(exists.error()).contains("exists already").contains("--force");
        assertThat(TestFiles.read(PROJECT, "notes.md")).isEqualTo("my notes\n");
        assertThat(run("report", "--out", "notes.md", "--force").status()).isZero();
        assertThat(TestFiles.read(PROJECT, "notes.md")).startsWith("# Incident report");
    }
}
