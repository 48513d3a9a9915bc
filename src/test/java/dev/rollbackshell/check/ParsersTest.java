package dev.rollbackshell.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.testing.TestFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParsersTest {

    @TempDir
    Path dir;

    @Test
    void unittestVerboseOutputGivesEveryTestAndItsTraceback() {
        String out = """
                test_broken (unittest.loader._FailedTest.test_broken) ... ERROR
                test_add (test_mod.TestMod.test_add) ... ok
                test_fail (test_mod.TestMod.test_fail) ... noise
                FAIL
                test_neg (test_mod.TestMod.test_neg)
                Docstring here. ... ERROR
                test_old (test_mod.TestMod) ... ok
                test_skip (test_mod.TestMod.test_skip) ... skipped 'why'

                ======================================================================
                ERROR: test_neg (test_mod.TestMod.test_neg)
                Docstring here.
                ----------------------------------------------------------------------
                Traceback (most recent call last):
                  File "/tmp/p/src/pkg/mod.py", line 5, in helper
                    raise ValueError("neg")
                ValueError: neg

                ======================================================================
                FAIL: test_fail (test_mod.TestMod.test_fail)
                ----------------------------------------------------------------------
                Traceback (most recent call last):
                  File "/tmp/p/tests/test_mod.py", line 11, in test_fail
                AssertionError: 2 != 3

                ----------------------------------------------------------------------
                Ran 6 tests in 0.001s

                FAILED (failures=1, errors=2, skipped=1)
                """;
        List<TestOutcome> tests = UnittestOutput.parse(out);
        assertThat(tests).extracting(TestOutcome::id).containsExactly("unittest.loader._FailedTest.test_broken",
                "test_mod.TestMod.test_add", "test_mod.TestMod.test_fail", "test_mod.TestMod.test_neg",
                "test_mod.TestMod.test_old", "test_mod.TestMod.test_skip");
        assertThat(tests).extracting(TestOutcome::status).containsExactly("error", "passed", "failed", "error", "passed", "skipped");
        assertThat(tests.get(3).detail()).contains("mod.py\", line 5").endsWith("ValueError: neg");
        assertThat(tests.get(2).detail()).endsWith("AssertionError: 2 != 3");
    }

    @Test
    void junitXmlFromPytestAndSurefire() throws Exception {
        Path xml = TestFiles.write(dir, "r.xml", """
                <?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest">
                <testcase classname="tests.test_a.TestA" name="test_ok" time="0.1"/>
                <testcase classname="tests.test_a.TestA" name="test_bad" time="0.1"><failure message="assert 1 == 2">tests/test_a.py:5: in test_bad
                E   assert 1 == 2</failure></testcase>
                <testcase classname="" name="tests.test_b"><error message="collection failure">ImportError while importing test module
                E   ModuleNotFoundError: No module named 'src.gone'</error></testcase>
                <testcase classname="demo.CalcTest" name="skipped"><skipped/></testcase>
                </testsuite></testsuites>
                """);
        List<TestOutcome> t = JUnitXml.read(xml);
        assertThat(t).extracting(TestOutcome::id).containsExactly("tests.test_a.TestA.test_ok", "tests.test_a.TestA.test_bad",
                "tests.test_b", "demo.CalcTest.skipped");
        assertThat(t).extracting(TestOutcome::status).containsExactly("passed", "failed", "error", "skipped");
        assertThat(t.get(2).detail()).startsWith("collection failure");
        assertThat(FailureText.errorLines(t.get(2).detail())).containsExactly("ModuleNotFoundError: No module named 'src.gone'");
    }

    @Test
    void hostileXmlIsNotExpanded() throws Exception {
        Path xml = TestFiles.write(dir, "evil.xml", """
                <?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
                <testsuite><testcase classname="a" name="b"><failure>&e;</failure></testcase></testsuite>
                """);
        assertThat(JUnitXml.read(xml)).isEmpty();
    }

    @Test
    void errorLinesOfPythonJavaAndTheSnippets() {
        String out = """
                Traceback (most recent call last):
                  File "x.py", line 1, in <module>
                ModuleNotFoundError: No module named 'a.b'
                E   AssertionError: assert 1 == 2
                java.lang.IllegalStateException: neg
                	at demo.Calc.helper(Calc.java:2)
                Caused by: java.io.IOException: disk
                import src.a:B failed: ImportError: cannot import name 'B' from 'src.a'
                ScalingManager lacks should_scale_now
                an ordinary line with Error in it
                """;
        assertThat(FailureText.errorLines(out)).containsExactly("ModuleNotFoundError: No module named 'a.b'",
                "AssertionError: assert 1 == 2", "java.lang.IllegalStateException: neg", "Caused by: java.io.IOException: disk",
                "import src.a:B failed: ImportError: cannot import name 'B' from 'src.a'",
                "ScalingManager lacks should_scale_now");
    }

    @Test
    void dataFilesParsedAndCounted() throws Exception {
        TestFiles.write(dir, "data/a.json", "[1, 2, 3]");
        TestFiles.write(dir, "data/b.json", "{\"x\": 1, \"y\": 2}");
        TestFiles.write(dir, "data/c.json", "[1, 2");
        TestFiles.write(dir, "data/sub/d.json", "[]");
        TestFiles.write(dir, "data/e.jsonl", "{}\n\n{}\n");
        TestFiles.write(dir, "data/f.csv", "h1,h2\n1,2\n3,4\n");
        DataResult r = DataInspector.inspect(new dev.rollbackshell.plan.DataCheck("j", "data/*.json", null), dir);
        assertThat(r.files()).extracting(DataResult.DataFile::path).containsExactly("data/a.json", "data/b.json", "data/c.json");
        assertThat(r.files()).extracting(DataResult.DataFile::records).containsExactly(3, 2, null);
        assertThat(r.files().get(2).parsed()).isFalse();
        assertThat(DataInspector.inspect(new dev.rollbackshell.plan.DataCheck("all", "data/**/*.json", null), dir).files())
                .extracting(DataResult.DataFile::path).containsExactly("data/sub/d.json");
        assertThat(DataInspector.inspect(new dev.rollbackshell.plan.DataCheck("l", "data/*.jsonl", null), dir).files().get(0).records())
                .isEqualTo(2);
        assertThat(DataInspector.inspect(new dev.rollbackshell.plan.DataCheck("c", "data/*.csv", null), dir).files().get(0).records())
                .isEqualTo(2);
        assertThat(DataInspector.inspect(new dev.rollbackshell.plan.DataCheck("none", "nodata/*.json", null), dir).files()).isEmpty();
    }
}
