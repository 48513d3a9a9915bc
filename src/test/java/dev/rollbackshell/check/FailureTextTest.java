package dev.rollbackshell.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A failed command is explained by its meaningful lines, never by its last line alone. */
class FailureTextTest {

    private static ProcessResult failed(String output) {
        return new ProcessResult(List.of("./mvnw", "-q", "test"), 1, output, 1000, false, null);
    }

    @Test
    void aMavenCompileFailureIsItsCompilerErrorsNotAnAnsiResetCode() {
        String out = "\u001B[1;31m[ERROR]\u001B[m COMPILATION ERROR : \n"
                + "[INFO] -------------------------------------------------------------\n"
                + "\u001B[1;31m[ERROR]\u001B[m /p/src/main/java/demo/Calc.java:[12,9] cannot find symbol\n"
                + "[ERROR] /p/src/main/java/demo/Calc.java:[14,5] ';' expected\n"
                + "[INFO] BUILD FAILURE\n"
                + "[ERROR] -> [Help 1]\n\u001B[m\n";
        assertThat(failed(out).failureSummary())
                .isEqualTo("/p/src/main/java/demo/Calc.java:[12,9] cannot find symbol; /p/src/main/java/demo/Calc.java:[14,5] ';' expected");
    }

    @Test
    void aFailingTestIsNamedWithItsMessage() {
        String out = "[INFO] Running demo.CalcTest\n"
                + "[ERROR] Tests run: 3, Failures: 1\n"
                + "[ERROR]   CalcTest.adds:12 expected: <3> but was: <4>\n"
                + "[INFO] BUILD FAILURE\n\u001B[0m";
        assertThat(failed(out).failureSummary()).isEqualTo("CalcTest.adds:12 expected: <3> but was: <4>");
        String pytest = "tests/test_a.py F\n=== FAILURES ===\nE   AssertionError: 3 != 4\n"
                + "FAILED tests/test_a.py::test_adds - AssertionError: 3 != 4\n=== 1 failed in 0.1s ===\n";
        assertThat(failed(pytest).failureSummary())
                .isEqualTo("FAILED tests/test_a.py::test_adds - AssertionError: 3 != 4; AssertionError: 3 != 4");
        String unittest = "FAIL: test_adds (tests.test_a.CalcTest)\n----\nTraceback...\nAssertionError: 3 != 4\n\nFAILED (failures=1)\n";
        assertThat(failed(unittest).failureSummary())
                .isEqualTo("FAIL: test_adds (tests.test_a.CalcTest); AssertionError: 3 != 4");
    }

    @Test
    void withNothingRecognisedTheLastLineThatSaysSomething() {
        assertThat(failed("compiling\nsomething odd happened\n[INFO] BUILD FAILURE\n[ERROR] -> [Help 1]\n\u001B[0m\n")
                .failureSummary()).isEqualTo("exit status 1: something odd happened");
    }
}
