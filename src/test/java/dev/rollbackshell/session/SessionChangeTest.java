package dev.rollbackshell.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.project.Project;
import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A REPL open while one-shot commands change the session (issue 13, item 3): it notices, in one line. */
class SessionChangeTest {

    @TempDir
    Path root;

    /** Another rollback-shell: selects backup {@code args[1]} in the session of the project at {@code args[0]}. */
    public static void main(String[] args) {
        SessionStore store = new SessionStore(Project.at(Path.of(args[0])));
        store.update(s -> s.withSelectedBackup(args[1]));
        store.record("backup-select", "selected " + args[1], 0);
    }

    private void otherProcessSelects(String id) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), SessionChangeTest.class.getName(),
                root.toString(), id).redirectErrorStream(true).redirectOutput(new File("/dev/null")).start();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).isZero();
    }

    @Test
    void aChangeByAnotherProcessIsToldOnceAndOwnWritesAreNoNews() throws Exception {
        SessionStore repl = new SessionStore(Project.at(root));
        repl.watch(); // the REPL opens: no session yet
        assertThat(repl.changedElsewhere()).isNull();
        otherProcessSelects("20260101_120000");
        assertThat(repl.changedElsewhere()).isEqualTo("backup 20260101_120000 selected");
        assertThat(repl.changedElsewhere()).isNull(); // told once
        assertThat(repl.load().selectedBackup()).isEqualTo("20260101_120000"); // and every command reads it afresh
        repl.update(s -> s.withSelectedBackup("20260202_120000"));
        repl.record("diagnose", "healthy", 0);
        assertThat(repl.changedElsewhere()).isNull(); // its own writes
        otherProcessSelects("20260202_120000"); // the same backup: the news is its timeline entry
        assertThat(repl.changedElsewhere()).isEqualTo("latest: selected 20260202_120000");
    }

    @Test
    void aChangeMergedIntoOurOwnWriteIsStillTold() throws Exception {
        SessionStore repl = new SessionStore(Project.at(root));
        repl.record("diagnose", "first", 0);
        assertThat(repl.changedElsewhere()).isNull();
        otherProcessSelects("20260303_120000");
        repl.record("verify", "ok", 0); // read-modify-write under the lock: keeps the other's selection
        assertThat(repl.load().selectedBackup()).isEqualTo("20260303_120000");
        assertThat(repl.changedElsewhere()).isEqualTo("backup 20260303_120000 selected");
    }

    @Test
    void theFirstLookOfAOneShotCommandSaysNothing() throws Exception {
        otherProcessSelects("20260101_120000");
        assertThat(new SessionStore(Project.at(root)).changedElsewhere()).isNull();
    }
}
