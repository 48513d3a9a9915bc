package dev.rollbackshell.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.project.Interruption;
import dev.rollbackshell.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandRunnerTest {

    @TempDir
    Path dir;

    @Test
    void runsInTheFolderWithTheEnvironmentAndCapturesBothStreams() {
        ProcessResult r = CommandRunner.run(List.of("python3", "-c",
                "import os, sys; print(os.getcwd()); print(os.environ['X']); print('oops', file=sys.stderr); sys.exit(3)"),
                dir, Map.of("X", "from-plan"), 30);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.ok()).isFalse();
        assertThat(r.output()).contains(dir.toString(), "from-plan", "oops");
        assertThat(r.failureSummary()).isEqualTo("exit status 3: oops");
    }

    @Test
    void argumentsAreNeverInterpretedByAShell() {
        ProcessResult r = CommandRunner.run(List.of("python3", "-c", "import sys; print(sys.argv[1])", "$(touch pwned); `id`"),
                dir, Map.of(), 30);
        assertThat(r.output().strip()).isEqualTo("$(touch pwned); `id`");
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @Test
    void timeOutKillsTheWholeProcessTree() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        // sh starts in milliseconds even on a loaded machine, so the child exists well before the time-out
        ProcessResult r = CommandRunner.run(List.of("sh", "-c", "sleep 60 & echo $! > \"$1\"; sleep 60", "sh",
                pidFile.toString()), dir, Map.of(), 3);
        assertThat(r.timedOut()).isTrue();
        assertThat(r.failureSummary()).startsWith("timed out after 3s");
        long child = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void longOutputKeepsItsHeadAndItsTailWithinTheCap() {
        ProcessResult r = CommandRunner.run(List.of("python3", "-c",
                "import sys\nfor i in range(300000): sys.stdout.write('line %d\\n' % i)\nprint('the error', file=sys.stderr)"),
                dir, Map.of(), 60);
        assertThat(r.output()).startsWith("line 0\nline 1\n").contains("bytes of output left out").endsWith("the error\n");
        assertThat(r.output().length()).isLessThan(CommandRunner.MAX_OUTPUT + 100);
    }

    @Test
    void aCheckPrintingWithoutEndFillsNoDiskAndLeavesNoTemporaryFile() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = countCaptureFiles(tmp);
        ProcessResult r = CommandRunner.run(List.of("yes", "spam"), dir, Map.of(), 2);
        assertThat(r.timedOut()).isTrue();
        assertThat(r.output()).startsWith("spam\n").contains("bytes of output left out");
        assertThat(r.output().length()).isLessThan(CommandRunner.MAX_OUTPUT + 100);
        assertThat(countCaptureFiles(tmp)).isLessThanOrEqualTo(before);
    }

    private static long countCaptureFiles(Path tmp) throws java.io.IOException {
        try (var s = Files.list(tmp)) {
            return s.filter(f -> f.getFileName().toString().startsWith("rollback-check")).count();
        }
    }

    @Test
    void aProgramThatDoesNotExistIsSaidPlainly() {
        ProcessResult r = CommandRunner.run(List.of("no-such-program-xyz"), dir, Map.of(), 5);
        assertThat(r.ok()).isFalse();
        assertThat(r.failureSummary()).startsWith("could not start no-such-program-xyz: No such file or directory");
    }

    @Test
    void relativeProgramIsTakenFromTheCheckFolder() throws Exception {
        Path script = TestFiles.write(dir, "run.sh", "#!/bin/sh\necho here\n");
        script.toFile().setExecutable(true);
        ProcessResult r = CommandRunner.run(List.of("./run.sh"), dir, Map.of(), 5);
        assertThat(r.output().strip()).isEqualTo("here");
    }

    @Test
    void anInterruptKillsTheWholeProcessTreeAndGivesNoResult() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        String code = "import subprocess, sys, time\n"
                + "p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
                + "open(sys.argv[1], 'w').write(str(p.pid))\n"
                + "time.sleep(60)\n";
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                outcome.set(CommandRunner.run(List.of("python3", "-c", code, pidFile.toString()), dir, Map.of(), 120));
            } catch (RuntimeException e) {
                outcome.set(e);
            }
        });
        t.start();
        while (!Files.exists(pidFile) || Files.readString(pidFile).isBlank()) {
            Thread.sleep(50);
        }
        long child = Long.parseLong(Files.readString(pidFile).strip());
        t.interrupt();
        t.join(30_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(outcome.get()).isInstanceOf(Interruption.Interrupted.class);
        assertThat(((Interruption.Interrupted) outcome.get()).exitStatus()).isEqualTo(130);
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void anInterruptedThreadStartsNothing() throws Exception {
        Path marker = dir.resolve("ran");
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread t = new Thread(() -> {
            Thread.currentThread().interrupt();
            try {
                outcome.set(CommandRunner.run(List.of("touch", marker.toString()), dir, Map.of(), 10));
            } catch (RuntimeException e) {
                outcome.set(e);
            }
        });
        t.start();
        t.join(30_000);
        assertThat(outcome.get()).isInstanceOf(Interruption.Interrupted.class);
        assertThat(marker).doesNotExist();
    }
}
