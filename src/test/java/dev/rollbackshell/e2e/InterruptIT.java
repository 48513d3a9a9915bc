package dev.rollbackshell.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.testing.Launcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C in one-shot mode, with a real process and a real SIGINT: the command stops with
 * status 130 and one line, its whole process tree is gone, nothing is recorded in the
 * session and the project lock is released.
 */
class InterruptIT {

    @TempDir
    Path temp;

    @Test
    void sigintDuringDiagnoseStopsTheChecksRecordsNothingAndExits130() throws Exception {
        Path dir = temp.resolve("athena");
        Launcher.Run demo = Launcher.exec(temp, "", env(), List.of(Launcher.script("demo").toString(), dir.toString()));
        assertThat(Files.isDirectory(dir.resolve("redundancy_reduction_backups"))).as(demo.err()).isTrue();
        String sessionBefore = Files.readString(dir.resolve(".rollback/session.json"));
        Path pidFile = temp.resolve("grandchild.pid");
        // a test that starts a process of its own and then takes its time
        Files.writeString(dir.resolve("tests/test_slow.py"), """
                import subprocess, time, unittest
                class SlowTest(unittest.TestCase):
                    def test_slow(self):
                        p = subprocess.Popen(["sleep", "300"])
                        open(%s, "w").write(str(p.pid))
                        time.sleep(300)
                """.formatted("'" + pidFile + "'"));

        Path out = temp.resolve("out.txt");
        Path err = temp.resolve("err.txt");
        ProcessBuilder pb = Launcher.process(dir, env(), withSigintDefault(Launcher.script("rollback-shell").toString(), "diagnose"))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start(); // the launcher execs java: this is the JVM's pid
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (!(Files.exists(pidFile) && !Files.readString(pidFile).isBlank()) && System.nanoTime() < deadline) {
            assertThat(p.isAlive()).as("diagnose ended before the slow test ran: " + Files.readString(err)).isTrue();
            Thread.sleep(100);
        }
        long grandchild = Long.parseLong(Files.readString(pidFile).strip());
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();

        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exits after SIGINT").isTrue();
        String stderr = Files.readString(err);
        assertThat(p.exitValue()).as(stderr).isEqualTo(130);
        assertThat(stderr).contains("diagnose interrupted; nothing recorded")
                .doesNotContain("not installed").doesNotContain("could not start").doesNotContain("error:");
        assertThat(Files.readString(out)).doesNotContain("tests-regressed");
        // killed, but reaped by init only a moment later (until then it still looks alive)
        long reaped = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < reaped) {
            Thread.sleep(100);
        }
        assertThat(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false)).as("grandchild killed").isFalse();
        assertThat(Files.readString(dir.resolve(".rollback/session.json"))).isEqualTo(sessionBefore);
        assertThat(Files.readString(dir.resolve(".rollback/lock"))).as("lock released").isEmpty();

        // the next run neither waits for nor warns about a lock
        Launcher.Run status = Launcher.exec(dir, null, env(), List.of(Launcher.script("rollback-shell").toString(), "status"));
        assertThat(status.status()).as(status.err()).isZero();
        assertThat(status.err()).doesNotContain("lock");
        assertThat(status.out()).contains("none yet");
    }

    /**
     * The command with SIGINT back to its default action. A build started in the background
     * by a non-interactive shell ({@code ./mvnw verify &}, {@code nohup}) hands every process
     * below it SIGINT ignored, and a signal ignored at start cannot be caught: the JVM would
     * never see the test's SIGINT. {@code env --default-signal} (coreutils 8.31 and later)
     * resets it and then execs the command, so the pid stays the launcher's (and the JVM's).
     */
    private static List<String> withSigintDefault(String... command) throws Exception {
        List<String> argv = new ArrayList<>();
        if (new ProcessBuilder("env", "--default-signal=INT", "true").start().waitFor() == 0) {
            argv.addAll(List.of("env", "--default-signal=INT"));
        }
        argv.addAll(List.of(command));
        return argv;
    }

    private Map<String, String> env() {
        return Map.of("ROLLBACK_SHELL_JAR", System.getProperty("rollback.jar"), "TMPDIR", temp.toString());
    }
}
