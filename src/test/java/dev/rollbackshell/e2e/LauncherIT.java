package dev.rollbackshell.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.testing.Launcher;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real launcher: exit codes, one-line errors on stderr, no noise, stdin as a script. */
class LauncherIT {

    @TempDir
    Path project;

    @Test
    void unknownCommandIsOneLineAndStatusTwo() {
        Launcher.Run r = Launcher.run(project, "frobnicate");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("unknown command 'frobnicate'");
    }

    @Test
    void missingProjectFolderIsStatusTwo() {
        Launcher.Run r = Launcher.run(project, "-C", "no/such/dir", "help");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("does not exist");
    }

    @Test
    void helpHasNoBannerNorLogNoise() {
        Launcher.Run r = Launcher.run(project, "help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("AVAILABLE COMMANDS").doesNotContain("Spring").doesNotContain("INFO");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void standardInputRunsAsAScriptAndStopsAtTheFirstFailure() {
        Launcher.Run r = Launcher.runWithInput(project, "# comment\nhelp\nbackup select nope\nhelp\n");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("» help").contains("» backup select nope").contains("stdin:3");
        assertThat(r.err()).doesNotContain("dumb terminal");
    }
}
