package dev.rollbackshell.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.testing.CommandTestBase;
import dev.rollbackshell.testing.TestFiles;
import dev.rollbackshell.testing.TreeSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Folders a thousand levels deep: every walk is iterative, or bounded well below the stack. */
class DeepTreeCommandsTest extends CommandTestBase {

    static final int DEPTH = 1000;

    @Test
    void backupVerifyRestoreAllAndUndoWalkAFolder1000Deep() throws Exception {
        TestFiles.write(PROJECT, "src/app.py", "a = 1\n");
        StringBuilder rel = new StringBuilder("src");
        for (int i = 0; i < DEPTH; i++) {
            rel.append("/d");
        }
        String deep = rel + "/deep.py";
        TestFiles.write(PROJECT, deep, "deep = 1\n");
        Files.setLastModifiedTime(PROJECT.resolve(deep), java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() - 3_600_000));

        Result b = run("backup", "create", "--no-baseline", "--no-git");
        assertThat(b.status()).as(b.error()).isZero();
        Result v = run("backup", "verify");
        assertThat(v.status()).as(v.error() + v.screen()).isZero();

        TestFiles.write(PROJECT, deep, "broken\n");
        Files.delete(PROJECT.resolve("src/app.py"));
        Map<String, String> broken = TreeSnapshot.of(PROJECT);
        Result r = run("restore", "all", "--yes");
        assertThat(r.status()).as(r.error()).isZero();
        assertThat(TestFiles.read(PROJECT, deep)).isEqualTo("deep = 1\n");
        assertThat(PROJECT.resolve("src/app.py")).exists();

        Result u = run("undo");
        assertThat(u.status()).as(u.error()).isZero();
        assertThat(TreeSnapshot.of(PROJECT)).isEqualTo(broken);
        assertThat(Path.of(PROJECT.toString(), deep.split("/"))).hasContent("broken");
    }
}
