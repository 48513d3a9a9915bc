package dev.rollbackshell.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollbackshell.project.RollbackException;
import dev.rollbackshell.testing.Python;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Real python3 processes named like the runbook's system ("athena"), each test with its
 * own marker in the pattern so that no other process on the machine can ever match.
 */
class ProcessesTest {

    final String marker = "athena-test-" + UUID.randomUUID();
    final List<Process> started = new ArrayList<>();

    /** The interpreter itself, not a wrapper such as pyenv's shim (whose own command line would match too). */
    static final String PYTHON = Python.EXE;

    Process python(String code) throws IOException {
        Process p = new ProcessBuilder(PYTHON, "-c", code, marker).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        started.add(p);
        return p;
    }

    /** Like {@link #python}, and returns once the program has printed {@code ready}: its set-up is done. */
    Process pythonReady(String code) throws IOException {
        Process p = new ProcessBuilder(PYTHON, "-c", code, marker).redirectErrorStream(true).start();
        started.add(p);
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(line).as("the program's first line").isEqualTo("ready");
        return p;
    }

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    List<Processes.Proc> waitFor(String pattern, int n) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<Processes.Proc> found = Processes.find(pattern);
            if (found.size() >= n) {
                return found;
            }
            Thread.sleep(50);
        }
        return Processes.find(pattern);
    }

    @Test
    void findsMatchingProcessesWithPidAgeAndCommand() throws Exception {
        Process p = python("import time; time.sleep(60)");
        List<Processes.Proc> found = waitFor("python.*" + marker, 1);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).pid()).isEqualTo(p.pid());
        assertThat(found.get(0).command()).contains("python").contains(marker);
        assertThat(found.get(0).ageSeconds()).isNotNull().isGreaterThanOrEqualTo(0);
        assertThat(Processes.find("python.*no-such-" + marker)).isEmpty();
    }

    @Test
    void stopSendsTermThenKillToThoseThatIgnoreIt() throws Exception {
        Process polite = python("import time; time.sleep(60)");
        Process stubborn = pythonReady("import signal, time\n"
                + "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
                + "print('ready', flush=True)\n"
                + "time.sleep(60)");
        List<Processes.Proc> found = waitFor("python.*" + marker, 2);
        assertThat(found).hasSize(2); // (the stubborn one said "ready": its handler is installed)
        Processes.StopResult r = Processes.stop(found, Duration.ofSeconds(2));
        assertThat(r.terminated()).extracting(Processes.Proc::pid).containsExactly(polite.pid());
        assertThat(r.killed()).extracting(Processes.Proc::pid).containsExactly(stubborn.pid());
        assertThat(r.allStopped()).isTrue();
        assertThat(polite.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(stubborn.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(stubborn.exitValue()).isEqualTo(137);
    }

    @Test
    void neverThisProgramNorItsParents() {
        long me = ProcessHandle.current().pid();
        assertThat(Processes.find("java")).extracting(Processes.Proc::pid).doesNotContain(me);
        assertThat(Processes.spared()).contains(me);
        ProcessHandle.current().parent().ifPresent(parent -> assertThat(Processes.spared()).contains(parent.pid()));
        Processes.Proc self = new Processes.Proc(me, null, null, "me", null);
        Processes.StopResult r = Processes.stop(List.of(self), Duration.ofMillis(100));
        assertThat(r.survived()).containsExactly(self);
    }

    @Test
    void aBadPatternIsBadInput() {
        assertThatThrownBy(() -> Processes.find("python.*(athena"))
                .isInstanceOf(RollbackException.class).extracting(e -> ((RollbackException) e).exitStatus()).isEqualTo(2);
    }
}
