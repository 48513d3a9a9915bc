package dev.rollbackshell.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TestRunnerTest {

    @Test
    void aRecordedCommandComparesWithoutItsRunsTemporaryReportButKeepsTheUsersOwn() {
        List<String> recorded = List.of("python3", "-m", "pytest", "tests", "--junitxml=/tmp/rollback-pytest123.xml");
        List<String> now = List.of("python3", "-m", "pytest", "tests");
        assertThat(TestRunner.comparable(recorded)).isEqualTo(TestRunner.comparable(now)).isEqualTo(now);
        List<String> own = List.of("python3", "-m", "pytest", "--junitxml=reports/tests.xml");
        assertThat(TestRunner.comparable(own)).isEqualTo(own);
    }
}
