package dev.rollbackshell.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.plan.PlanLoader;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.testing.BackupFixtures;
import dev.rollbackshell.testing.Athena;
import dev.rollbackshell.testing.TestFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifierTest {

    @TempDir
    Path dir;

    private Verification verify(boolean withBackup) {
        Project p = Project.at(dir);
        BackupStore store = new BackupStore(p);
        return new Verifier(p, new PlanLoader(p).active(), store, m -> { }).verify(withBackup ? store.resolve("latest") : null);
    }

    private static Map<String, String> statuses(Verification v) {
        return v.steps().stream().collect(Collectors.toMap(Verification.Step::id, Verification.Step::status));
    }

    @Test
    void healthyReplicaPassesAllFiveSteps() throws Exception {
        Athena.create(dir);
        BackupFixtures.manual(dir, Athena.BACKUP_ID, Athena.FOLDERS);
        Verification v = verify(true);
        assertThat(v.ok()).isTrue();
        assertThat(v.steps()).extracting(Verification.Step::id)
                .containsExactly("imports", "functionality", "data-integrity", "performance", "tests");
        assertThat(v.steps()).extracting(Verification.Step::title)
                .containsExactly("Import Test", "Functionality Test", "Data Integrity", "Performance Test", "Full Test Suite");
        assertThat(v.steps()).allSatisfy(s -> assertThat(s.status()).isEqualTo(Verification.PASSED));
        assertThat(v.steps().get(0).detail()).isEqualTo("4 imports ok (core-imports)");
        assertThat(v.steps().get(2).detail()).isEqualTo("2 files, 5 records, all parse, no fewer records than in the baseline");
        assertThat(v.steps().get(4).detail()).isEqualTo("8 passed");
        assertThat(v.baseline()).isEqualTo("computed");
    }

    @Test
    void brokenProjectFailsWithReasons() throws Exception {
        Athena.create(dir);
        BackupFixtures.manual(dir, Athena.BACKUP_ID, Athena.FOLDERS);
        TestFiles.write(dir, "src/batch_processor/progress_tracker.py", "raise ImportError('merged away')\n");
        TestFiles.write(dir, "data/metrics/run_002.json", "{");
        Verification v = verify(true);
        assertThat(v.ok()).isFalse();
        assertThat(statuses(v)).containsEntry("imports", "failed").containsEntry("functionality", "failed")
                .containsEntry("data-integrity", "failed").containsEntry("tests", "failed")
                .containsEntry("performance", "passed");
        assertThat(v.steps().get(0).detail()).contains("ImportError: merged away");
        assertThat(v.steps().get(2).detail()).startsWith("data/metrics/run_002.json: does not parse as json");
        assertThat(v.steps().get(4).detail()).contains("tests that passed in the baseline did not run now")
                .contains("test module test_progress does not import: ImportError: merged away");
    }

    @Test
    void stepsThePlanLacksSaySoAndDoNotFail() throws Exception {
        TestFiles.write(dir, "tests/test_a.py", "import unittest\nclass T(unittest.TestCase):\n    def test_a(self):\n        pass\n");
        TestFiles.write(dir, "rollback-plan.yml", "tests: {runner: unittest}\n");
        Verification v = verify(false);
        assertThat(v.ok()).isTrue();
        assertThat(statuses(v)).containsEntry("imports", "not-configured").containsEntry("functionality", "not-configured")
                .containsEntry("data-integrity", "not-configured").containsEntry("performance", "not-configured")
                .containsEntry("tests", "passed");
        assertThat(v.steps().get(0).detail()).contains("add 'imports:'");
        assertThat(v.summary()).isEqualTo("1 passed, 0 failed, 4 not configured");
    }

    @Test
    void testsFailingAsInTheBaselineDoNotFailVerification() throws Exception {
        TestFiles.write(dir, "tests/test_a.py", """
                import unittest
                class T(unittest.TestCase):
                    def test_ok(self):
                        pass
                    def test_known_bad(self):
                        self.fail('known')
                """);
        TestFiles.write(dir, "rollback-plan.yml", "protectedFolders: [tests]\ntests: {runner: unittest}\n");
        BackupFixtures.manual(dir, "20260101_120000", "tests");
        Verification v = verify(true);
        assertThat(v.ok()).isTrue();
        assertThat(v.steps().get(4).detail()).isEqualTo("1 passed, 1 failed; failing as in the baseline: test_a.T.test_known_bad");
        // never shown as passed while it failed
        assertThat(v.steps().get(4).status()).isEqualTo(Verification.FAILING_AS_IN_BASELINE);
        assertThat(v.summary()).isEqualTo("0 passed, 0 failed, 1 failing as in the baseline, 4 not configured");
        // without a baseline the same failure fails
        assertThat(verify(false).ok()).isFalse();
    }

    @Test
    void anImportFailingAsInTheBaselineIsShownNeverFiredOnAndOneThatGotWorseStillFails() throws Exception {
        TestFiles.write(dir, "src/ok_mod.py", "X = 1\n");
        TestFiles.write(dir, "src/other_mod.py", "Y = 1\n");
        TestFiles.write(dir, "rollback-plan.yml", """
                protectedFolders: [src]
                imports:
                  - {id: platform-only, python: "import winreg"}
                  - {id: core, python: "import src.ok_mod"}
                  - {id: other, python: "import src.other_mod"}
                """);
        Project p = Project.at(dir);
        var backupDir = dev.rollbackshell.testing.BackupFixtures.tool(dir, "20260101_120000", "src");
        new dev.rollbackshell.check.Baselines(p, () -> new PlanLoader(p).active().plan(), m -> { }).record(backupDir);
        BackupStore store = new BackupStore(p);

        Verification v = verify(true);
        assertThat(v.ok()).as("%s", v.steps()).isTrue();
        assertThat(statuses(v)).containsEntry("imports", Verification.FAILING_AS_IN_BASELINE);
        assertThat(v.steps().get(0).detail()).contains("platform-only").contains("fails as in the baseline");
        var d = new dev.rollbackshell.diagnose.Diagnoser(p, new PlanLoader(p).active(), store, m -> { })
                .diagnose(store.resolve("latest"), true);
        assertThat(d.healthy()).as("%s", d.triggers()).isTrue();
        assertThat(d.triggers().get(1).evidence()).anyMatch(l -> l.startsWith("platform-only fails as in the baseline"));

        // a check that got worse still fails, the old failure beside it is still not counted
        TestFiles.write(dir, "src/other_mod.py", "raise ImportError('broken now')\n");
        Verification worse = verify(true);
        assertThat(worse.ok()).isFalse();
        assertThat(worse.steps().get(0).detail()).contains("other").doesNotContain("platform-only");
    }

    @Test
    void aBaselineTakenOnABrokenProjectIsUnhealthyAndDiagnoseSaysItCannotTellRegressions() throws Exception {
        TestFiles.write(dir, "tests/test_a.py", "import unittest\nclass T(unittest.TestCase):\n    def test_a(self):\n"
                + "        self.fail('broken already')\n");
        TestFiles.write(dir, "rollback-plan.yml", "protectedFolders: [tests]\ntests: {runner: unittest}\n");
        Project p = Project.at(dir);
        var backupDir = dev.rollbackshell.testing.BackupFixtures.tool(dir, "20260101_120000", "tests");
        List<String> said = new java.util.ArrayList<>();
        new dev.rollbackshell.check.Baselines(p, () -> new PlanLoader(p).active().plan(), said::add).record(backupDir);
        assertThat(said).anyMatch(m -> m.startsWith("warning: the baseline's checks fail: the test suite passed no test"));
        BackupStore store = new BackupStore(p);
        var baseline = new dev.rollbackshell.check.Baselines(p, () -> new PlanLoader(p).active().plan(), m -> { })
                .stored(store.resolve("latest")).orElseThrow();
        assertThat(baseline.healthy()).isFalse();

        var d = new dev.rollbackshell.diagnose.Diagnoser(p, new PlanLoader(p).active(), store, m -> { })
                .diagnose(store.resolve("latest"), false);
        assertThat(d.healthy()).isFalse();
        assertThat(d.baselineUnhealthy()).singleElement().asString().contains("passed no test");
        // the test that failed then still counts
        assertThat(d.fired()).extracting(t -> t.id()).contains("tests-regressed");
        // and verify never shows it as passed
        Verification v = verify(true);
        assertThat(statuses(v)).containsEntry("tests", Verification.FAILED);
    }

    @Test
    void slowPerformanceWithoutBaselineIsJudgedByTheAbsoluteLimit() throws Exception {
        TestFiles.write(dir, "rollback-plan.yml", """
                performance:
                  python: "import time; time.sleep(0.3)"
                  runs: 1
                  maxSeconds: 0.1
                """);
        Verification v = verify(false);
        assertThat(statuses(v)).containsEntry("performance", "failed");
        assertThat(v.steps().get(3).detail()).matches("performance: median (\\d+ms|\\d+\\.\\d\\ds), limit 0\\.10s \\(no baseline to compare\\);"
                + " measured twice, medians (\\d+ms|\\d+\\.\\d\\ds) and (\\d+ms|\\d+\\.\\d\\ds)");
    }

    @Test
    void aVerificationThatFailsWhereTheDiagnosisWasQuietIsWorse() throws Exception {
        Athena.create(dir);
        BackupFixtures.manual(dir, Athena.BACKUP_ID, Athena.FOLDERS);
        Project p = Project.at(dir);
        BackupStore store = new BackupStore(p);
        TestFiles.write(dir, "data/metrics/run_002.json", "{");
        var before = new dev.rollbackshell.diagnose.Diagnoser(p, new PlanLoader(p).active(), store, m -> { })
                .diagnose(store.resolve("latest"), true);
        assertThat(before.fired()).extracting(t -> t.id()).containsExactly("data-damaged");
        // a "restore" that fixed the data but broke the imports
        TestFiles.copyTree(dir.resolve("redundancy_reduction_backups/20260101_120000/data_backup"), dir.resolve("data"));
        TestFiles.write(dir, "src/batch_processor/processor.py", "raise ImportError('oops')\n");
        Verification after = verify(true);
        assertThat(Verifier.worseThan(before, after)).anyMatch(l -> l.startsWith("Import Test fails now"))
                .noneMatch(l -> l.startsWith("Data Integrity"));
    }

    @Test
    void aFolderWithoutTestsIsNotAFailedTestRun() throws Exception {
        TestFiles.write(dir, "tests/README", "no tests yet");
        TestFiles.write(dir, "rollback-plan.yml", "tests: {runner: unittest}\n");
        Verification v = verify(false);
        assertThat(v.ok()).isTrue();
        assertThat(v.steps().get(4).detail()).contains("no tests were found");
    }
}
