package dev.rollbackshell.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.testing.CommandTestBase;
import dev.rollbackshell.testing.TestFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ShellCommandTest extends CommandTestBase {

    @Test
    void selectingWithoutBackupsIsBadInputWithAHint() {
        Result r = run("backup", "select", "latest");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.error()).contains("no backups").contains("backup create");
    }

    @Test
    void missingArgumentIsBadInput() {
        Result r = run("backup", "select");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.error()).contains("--id");
    }

    @Test
    void scriptStopsAtFirstFailureAndSkipsComments(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path script = TestFiles.write(dir, "s.rsh", "# a comment\n\nbackup select nope\nhelp\n");
        Result r = run("script", "run", script.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.screen()).doesNotContain("AVAILABLE COMMANDS");
    }
}
