package dev.rollbackshell.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.testing.Launcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/demo}'s refusals: one line on stderr, exit 2, nothing made. These stop
 * before the tool runs (the launcher is pointed at a jar that does not exist, so a refusal
 * that went on would fail loudly instead of building).
 */
class DemoScriptTest {

    @TempDir
    Path temp;

    @Test
    void aFolderThatIsNotEmptyIsRefused() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("busy"));
        Files.writeString(dir.resolve("notes.txt"), "mine");
        Launcher.Run run = demo("--phase", "2", dir.toString());
        assertRefused(run, dir + " is not empty; give a new or empty folder");
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).containsExactly(dir.resolve("notes.txt"));
        }
    }

    @Test
    void aFileInsteadOfAFolderIsRefused() throws IOException {
        Path file = Files.writeString(temp.resolve("file"), "x");
        assertRefused(demo(file.toString()), "is not a folder");
    }

    @Test
    void anUnknownPhaseIsRefusedBeforeAnythingIsMade() {
        Path dir = temp.resolve("new");
        assertRefused(demo("--phase", "4", dir.toString()), "unknown phase '4'; choose 1, 2, 3 or nuclear");
        assertRefused(demo("--phase"), "--phase needs a value");
        assertThat(dir).doesNotExist();
    }

    @Test
    void unknownOptionsAndTwoFoldersAreRefused() {
        assertRefused(demo("--fast"), "unknown option '--fast'");
        assertRefused(demo(temp.resolve("a").toString(), temp.resolve("b").toString()), "one folder only");
        assertThat(temp.resolve("a")).doesNotExist();
    }

    @Test
    void helpSaysHowToUseIt() {
        Launcher.Run run = demo("--help");
        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith("usage: scripts/demo [--phase 1|2|3|nuclear] [DIR]");
    }

    private static void assertRefused(Launcher.Run run, String message) {
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).startsWith("demo: ").contains(message);
    }

    private Launcher.Run demo(String... args) {
        return Launcher.exec(temp, null, Map.of("ROLLBACK_SHELL_JAR", temp.resolve("no-such.jar").toString(),
                "TMPDIR", temp.toString()), Launcher.command("demo", args));
    }
}
