package dev.rollbackshell.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.plan.Plan;
import dev.rollbackshell.plan.PlanLoader;
import dev.rollbackshell.project.Meter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The test suite's progress: its tests counted from the runner's own output as it prints it. */
class TestCountTest {

    @TempDir
    Path dir;

    @AfterEach
    void uninstall() {
        Meter.install(null);
    }

    @Test
    void eachRunnersResultLinesCountAndPytestAnnouncesItsTotal() {
        Meter.Task t = Meter.startLive("tests", "tests");
        assertThat(TestCount.count("pytest", "collected 19 items / 4 errors", t)).isZero();
        assertThat(t.total()).isEqualTo(19);
        assertThat(TestCount.count("pytest", "tests/test_feedback_loop.py ..F.s                                    [ 21%]", t))
                .isEqualTo(5);
        assertThat(TestCount.count("pytest", "..x.                                                                     [100%]", t))
                .isEqualTo(4);
        assertThat(TestCount.count("pytest", "tests/test_a.py::test_one PASSED                                  [ 50%]", t))
                .isOne();
        assertThat(TestCount.count("pytest", "ImportError while importing test module '/tmp/d1/tests/test_a.py'.", t)).isZero();
        assertThat(TestCount.count("pytest", "...", t)).as("a bare line of dots reads as results")
                .isEqualTo(3);
        assertThat(TestCount.count("unittest",
                "test_feedback_changes_rule_weights (test_feedback_loop.FeedbackLoopTest.test_feedback_changes_rule_weights) ... ok",
                t)).isOne();
        assertThat(TestCount.count("unittest", "test_x (t.T.test_x) ... skipped 'no network'", t)).isOne();
        assertThat(TestCount.count("unittest", "Ran 28 tests in 0.412s", t)).isZero();
        assertThat(TestCount.count("maven",
                "[INFO] Tests run: 3, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 0.05 s -- in demo.CalcTest", t))
                .isEqualTo(3);
        assertThat(TestCount.count("maven", "[INFO] Tests run: 3, Failures: 0, Errors: 0, Skipped: 0", t)).isZero();
        assertThat(TestCount.count("npm", "ok 1 - adds", t)).isZero();
        t.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pytest", "unittest"})
    void aRealRunIsCountedTestByTestWhileItRuns(String runner) throws Exception {
        Files.createDirectories(dir.resolve("tests"));
        StringBuilder py = new StringBuilder("import unittest\n\nclass T(unittest.TestCase):\n");
        for (int i = 0; i < 5; i++) {
            py.append("    def test_").append(i).append("(self):\n        self.assertTrue(").append(i != 3 ? "True" : "False").append(")\n");
        }
        Files.writeString(dir.resolve("tests/test_five.py"), py.toString());
        Files.writeString(dir.resolve("rollback-plan.yml"), "protectedFolders: [tests]\ntests:\n  runner: " + runner
                + "\n  paths: [tests]\n");
        Plan plan = PlanLoader.load(dir.resolve("rollback-plan.yml")).plan();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        Meter.install(new Meter.Sink() {
            @Override
            public void started(Meter.Task t) {
            }

            @Override
            public void progressed(Meter.Task t) {
                seen.add(t.what() + " " + t.done() + "/" + t.total());
            }

            @Override
            public void finished(Meter.Task t) {
                seen.add("end " + t.done() + " " + t.summarised());
            }
        });
        TestRun run = TestRunner.run(plan, dir, CheckSuite.environment(plan), Progress.NONE);
        assertThat(run.tests()).hasSize(5);
        if (run.note() != null && run.note().contains("pytest is not installed")) {
            return; // counted as unittest: the case above
        }
        assertThat(seen).last().isEqualTo("end 5 false");
        assertThat(seen.get(0)).startsWith("tests ");
        if (runner.equals("pytest")) {
            assertThat(seen).contains("tests 5/5");
        }
    }
}
