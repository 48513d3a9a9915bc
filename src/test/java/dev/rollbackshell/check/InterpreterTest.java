package dev.rollbackshell.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.plan.Plan;
import dev.rollbackshell.plan.PlanLoader;
import dev.rollbackshell.project.Project;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A launcher on the PATH (as pyenv's shims are) is asked once per check run which interpreter it runs, whatever suites the run has. */
class InterpreterTest {

    @TempDir
    Path dir;

    Path real;
    Path launchers;
    Path starts;

    @BeforeEach
    void launcher() throws Exception {
        real = Path.of(CommandRunner.run(List.of("python3", "-c", "import sys; print(sys.executable)"), dir, Map.of(), 60)
                .output().strip());
        launchers = Files.createDirectories(dir.resolve("shims"));
        starts = dir.resolve("starts");
        Path shim = launchers.resolve("python3");
        Files.writeString(shim, "#!/bin/sh\necho started >> '" + starts + "'\nexec '" + real + "' \"$@\"\n");
        Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Map<String, String> onPath() {
        return Map.of("PATH", launchers + File.pathSeparator + System.getenv("PATH"));
    }

    @Test
    void aLauncherIsReplacedByTheInterpreterItRunsFirstOnThePath() throws Exception {
        Map<String, String> env = Interpreter.environment("python3", dir, onPath());
        assertThat(env.get("PATH")).startsWith(real.getParent() + File.pathSeparator + launchers);
        assertThat(CommandRunner.which("python3", env.get("PATH"))).isEqualTo(real.getParent().resolve("python3"));
        assertThat(Files.readAllLines(starts)).hasSize(1);
    }

    @Test
    void anInterpreterThatIsAlreadyItselfAPathOrMissingLeavesTheEnvironmentAlone() {
        Map<String, String> plain = Map.of("PATH", real.getParent() + File.pathSeparator + System.getenv("PATH"));
        assertThat(Interpreter.environment("python3", dir, plain)).isSameAs(plain);
        Map<String, String> env = onPath();
        assertThat(Interpreter.environment(launchers.resolve("python3").toString(), dir, env)).isSameAs(env);
        assertThat(Interpreter.environment("no-such-python", dir, env)).isSameAs(env);
        assertThat(starts).doesNotExist();
    }

    @Test
    void aCheckRunStartsTheLauncherOnceAndShowsThePlansCommands() throws Exception {
        Files.createDirectories(dir.resolve("tests"));
        Files.writeString(dir.resolve("tests/test_one.py"), "import unittest\n\nclass T(unittest.TestCase):\n"
                + "    def test_ok(self):\n        self.assertTrue(True)\n");
        Files.writeString(dir.resolve("rollback-plan.yml"), "python: python3\nprotectedFolders: [tests]\n"
                + "env:\n  PATH: " + launchers + File.pathSeparator + System.getenv("PATH") + "\n"
                + "imports:\n  - id: one\n    imports: [json]\n  - id: two\n    imports: [os]\n"
                + "functionality:\n  - id: three\n    python: print('ok')\n"
                + "tests:\n  runner: unittest\n  paths: [tests]\n");
        Plan plan = PlanLoader.load(dir.resolve("rollback-plan.yml")).plan();
        CheckReport report = new CheckSuite(plan, dir, Progress.NONE, Interpreter.of(dir)).run(CheckSuite.Options.ALL);
        assertThat(report.tests().ok()).isTrue();
        assertThat(report.tests().count("passed")).isEqualTo(1);
        assertThat(report.tests().command().get(0)).isEqualTo("python3");
        assertThat(Files.readAllLines(starts)).hasSize(1);
    }

    @Test
    void theSuitesOfOneRunAskOnceAndANewRunAsksAgain() throws Exception {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/app.py"), "X = 1\n");
        Files.writeString(dir.resolve("rollback-plan.yml"), "python: python3\nprotectedFolders: [src]\n"
                + "env:\n  PATH: " + launchers + File.pathSeparator + System.getenv("PATH") + "\n"
                + "imports:\n  - id: one\n    imports: [json]\n"
                + "performance:\n  id: speed\n  python: print('ok')\n  runs: 1\n");
        Plan plan = PlanLoader.load(dir.resolve("rollback-plan.yml")).plan();
        Path copy = Files.createDirectories(dir.resolve("baseline-copy"));
        Files.copy(dir.resolve("src"), copy.resolve("src"));
        Interpreter run = Interpreter.of(dir);
        // as a diagnose does: the baseline's checks on a copy, the checks now, and (cached) the performance check alone
        CheckReport baseline = new CheckSuite(plan, copy, Progress.NONE, run).run(CheckSuite.Options.ALL);
        CheckCache.Run fresh = new CheckCache(Project.at(dir), Progress.NONE, run).run(plan, CheckSuite.Options.ALL, false);
        CheckCache.Run cached = new CheckCache(Project.at(dir), Progress.NONE, run).run(plan, CheckSuite.Options.ALL, false);
        assertThat(baseline.imports().get(0).passed()).isTrue();
        assertThat(fresh.cached()).isFalse();
        assertThat(cached.cached()).isTrue();
        assertThat(cached.report().performance().ok()).isTrue();
        assertThat(Files.readAllLines(starts)).hasSize(1);

        new CheckCache(Project.at(dir), Progress.NONE, Interpreter.of(dir)).run(plan, CheckSuite.Options.ALL, false);
        assertThat(Files.readAllLines(starts)).hasSize(2);
    }
}
