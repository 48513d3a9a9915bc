package dev.rollbackshell.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.backup.RacyWindow;
import dev.rollbackshell.plan.Plan;
import dev.rollbackshell.plan.PlanLoader;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check cache: an unchanged tree is answered from it, and each kind of change (an edit
 * that keeps size and modification time, the plan, the interpreter, generated files not
 * counting, a check writing into the tree) does what the rule says; a copy of the project
 * never gets the original's results; the performance check always reruns.
 */
class CheckCacheTest {

    @TempDir
    Path dir;
    @TempDir
    Path elsewhere;

    private final List<String> progress = new ArrayList<>();

    @BeforeEach
    void project() throws Exception {
        TestFiles.write(dir, "src/calc/__init__.py", "");
        TestFiles.write(dir, "src/calc/ops.py", "def add(a, b):\n    return a + b\n");
        TestFiles.write(dir, "tests/test_ops.py", """
                import unittest

                from calc.ops import add


                class TestOps(unittest.TestCase):
                    def test_add(self):
                        self.assertEqual(add(1, 2), 3)
                """);
        TestFiles.write(dir, "data/logs/system.log", "start\n");
        TestFiles.write(dir, "data/records.json", "[1, 2, 3]");
        plan("");
        // past the racy window, files are trusted by their metadata
        age(dir);
    }

    /** The plan, with {@code extra} lines (YAML) appended. */
    private void plan(String extra) throws Exception {
        TestFiles.write(dir, "rollback-plan.yml", """
                protectedFolders: [src, tests, data]
                env: {PYTHONPATH: src}
                tests: {runner: unittest, paths: [tests]}
                imports:
                  - id: modules
                    imports: [calc, calc.ops]
                data:
                  - {id: records, glob: "data/*.json", format: json}
                logFile: data/logs/system.log
                """ + extra);
    }

    private static void age(Path root) throws Exception {
        FileTime old = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                Files.setLastModifiedTime(p, old);
            }
        }
        // past the file system's racy window: the files' metadata alone is trusted
        Thread.sleep(RacyWindow.millis(root) + 100);
    }

    private Plan loaded(Path root) {
        return new PlanLoader(Project.at(root)).active().plan();
    }

    private CheckCache.Run run(Path root, boolean fresh) {
        return new CheckCache(Project.at(root), progress::add, Interpreter.of(root)).run(loaded(root), CheckSuite.Options.ALL, fresh);
    }

    @Test
    void anUnchangedTreeIsAnsweredFromTheCacheWithTheSameResults() throws Exception {
        CheckCache.Run first = run(dir, false);
        assertThat(first.cached()).isFalse();
        assertThat(first.stored()).isTrue();
        assertThat(first.report().tests().summary()).startsWith("1 passed");
        progress.clear();
        CheckCache.Run second = run(dir, false);
        assertThat(second.cached()).isTrue();
        assertThat(second.checkedAt()).isEqualTo(first.checkedAt());
        assertThat(second.tree()).isEqualTo(first.tree());
        assertThat(second.report().imports()).isEqualTo(first.report().imports());
        assertThat(second.report().tests()).isEqualTo(first.report().tests());
        assertThat(second.report().data()).isEqualTo(first.report().data());
        assertThat(progress).anyMatch(l -> l.startsWith("checks: nothing changed since they last ran"));
        assertThat(progress).noneMatch(l -> l.startsWith("tests:"));
        // --fresh runs them all again
        CheckCache.Run fresh = run(dir, true);
        assertThat(fresh.cached()).isFalse();
        assertThat(fresh.checkedAt()).isAfter(first.checkedAt());
    }

    @Test
    void anEditThatKeepsTheSizeInvalidatesIt() throws Exception {
        assertThat(run(dir, false).cached()).isFalse();
        Path ops = dir.resolve("src/calc/ops.py");
        Files.writeString(ops, "def add(a, b):\n    return a - b\n"); // same size
        CheckCache.Run after = run(dir, false);
        assertThat(after.cached()).isFalse();
        assertThat(after.report().tests().summary()).contains("1 failed");
    }

    @Test
    void hardLinksToTheProjectsFilesMadeAndRemovedElsewhereKeepItsResults() throws Exception {
        // what a scratch copy does while suggest proves: it moves the files' ctime, not their content
        run(dir, false);
        Path ops = dir.resolve("src/calc/ops.py");
        Path link = dir.resolve(".rollback/elsewhere.py");
        Files.createDirectories(link.getParent());
        Files.createLink(link, ops);
        Files.delete(link);
        assertThat(run(dir, false).cached()).isTrue();
    }

    @Test
    void aChangedPlanInvalidatesIt() throws Exception {
        assertThat(run(dir, false).cached()).isFalse();
        plan("name: another\n");
        assertThat(run(dir, false).cached()).isFalse();
        assertThat(run(dir, false).cached()).isTrue();
        plan("");
        assertThat(run(dir, false).cached()).as("the first plan again: its entry").isTrue();
    }

    @Test
    void anotherInterpreterInvalidatesIt() throws Exception {
        Path python = elsewhere.resolve("python3");
        Files.writeString(python, "#!/bin/sh\nexec python3 \"$@\"\n");
        Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwxr-xr-x"));
        plan("python: " + python + "\n");
        assertThat(run(dir, false).cached()).isFalse();
        assertThat(run(dir, false).cached()).isTrue();
        // the same path, another binary (an upgrade, a virtual environment rebuilt)
        Files.writeString(python, "#!/bin/sh\n# upgraded\nexec python3 \"$@\"\n");
        assertThat(run(dir, false).cached()).isFalse();
    }

    @Test
    void generatedFilesAndTheLogTheChecksWriteDoNotCountButOtherWritesDo() throws Exception {
        // a check that appends to the plan's log file, as a running system does
        plan("""
                functionality:
                  - id: logs
                    python: "open('data/logs/system.log', 'a').write('checked\\\\n')"
                """);
        age(dir);
        assertThat(run(dir, false).stored()).isTrue();
        TestFiles.write(dir, "src/calc/__pycache__/ops.cpython-311.pyc", "bytecode");
        assertThat(run(dir, false).cached()).isTrue();

        // a check that writes a protected file other than the log: never cached
        plan("""
                functionality:
                  - id: writes-data
                    python: "open('data/state.txt', 'a').write('x')"
                """);
        CheckCache.Run first = run(dir, false);
        assertThat(first.stored()).isFalse();
        assertThat(first.note()).contains("changed while the checks ran");
        assertThat(run(dir, false).cached()).isFalse();
    }

    @Test
    void theLogFileCountsWhenADataCheckReadsIt() throws Exception {
        TestFiles.write(dir, "rollback-plan.yml", """
                protectedFolders: [src, tests, data]
                env: {PYTHONPATH: src}
                data:
                  - {id: log, glob: "data/logs/*.log", format: lines}
                logFile: data/logs/system.log
                """);
        age(dir);
        assertThat(run(dir, false).stored()).isTrue();
        assertThat(run(dir, false).cached()).isTrue();
        Files.writeString(dir.resolve("data/logs/system.log"), "start\nmore\n");
        assertThat(run(dir, false).cached()).isFalse();
    }

    @Test
    void resultsOfFilesJustWrittenAreFoundByTheNextRun() throws Exception {
        // as after a restore: a file written a moment before quick checks
        Files.writeString(dir.resolve("src/calc/ops.py"), "def add(a, b):\n    return b + a\n");
        CheckCache.Run first = run(dir, false);
        assertThat(first.stored()).isTrue();
        Thread.sleep(RacyWindow.millis(dir) + 200); // the file is no longer racy: its metadata alone now says it is unchanged
        assertThat(run(dir, false).cached()).isTrue();
    }

    @Test
    void aCopyOfTheProjectNeverGetsItsResults() throws Exception {
        assertThat(run(dir, false).stored()).isTrue();
        Path copy = elsewhere.resolve("copy");
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                Path target = copy.resolve(dir.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES); // .rollback/checks/ too
                }
            }
        }
        assertThat(copy.resolve(".rollback/checks")).isDirectory();
        assertThat(run(copy, false).cached()).isFalse();
    }

    @Test
    void thePerformanceCheckAlwaysReruns() throws Exception {
        Path counter = elsewhere.resolve("runs.txt");
        plan("""
                performance:
                  id: timing
                  runs: 2
                  python: "open(%s, 'a').write('x')"
                """.formatted("'" + counter + "'"));
        age(dir);
        CheckCache.Run first = run(dir, false);
        assertThat(Files.readString(counter)).hasSize(2);
        CheckCache.Run second = run(dir, false);
        assertThat(second.cached()).isTrue();
        assertThat(Files.readString(counter)).hasSize(4);
        assertThat(second.report().performance().runsMillis()).hasSize(2);
        assertThat(first.report().performance()).isNotNull();
        assertThat(progress).anyMatch(l -> l.contains("the performance check reruns, it is never cached"));
    }
}
