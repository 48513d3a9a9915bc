package dev.rollbackshell.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.project.Project;
import dev.rollbackshell.testing.GitCli;
import dev.rollbackshell.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExcludeToolFoldersTest {

    @TempDir
    Path dir;

    @Test
    void theToolsFoldersAreExcludedOnceAndGitStatusStaysQuiet() throws Exception {
        GitCli git = GitCli.init(dir);
        TestFiles.write(dir, "src/app.py", "x = 1\n");
        git.run("add", "-A");
        git.run("commit", "-q", "-m", "start");
        TestFiles.write(dir, ".rollback/session.json", "{}\n");
        TestFiles.write(dir, "redundancy_reduction_backups/20260101_120000/src_backup/app.py", "x = 1\n");
        Files.writeString(dir.resolve(".git/info/exclude"), "# git's own comment\n*.swp"); // no final newline

        GitExclude.Result first = GitExclude.toolFolders(Project.at(dir));
        assertThat(first.failure()).isNull();
        assertThat(first.added()).containsExactly("/.rollback/", "/redundancy_reduction_backups/");
        GitExclude.Result again = GitExclude.toolFolders(Project.at(dir));
        assertThat(again.added()).isEmpty();

        String exclude = Files.readString(dir.resolve(".git/info/exclude"));
        assertThat(exclude).startsWith("# git's own comment\n*.swp\n");
        assertThat(exclude.lines().filter(l -> l.equals("/.rollback/"))).hasSize(1);
        assertThat(exclude.lines().filter(l -> l.equals("/redundancy_reduction_backups/"))).hasSize(1);
        assertThat(git.run("status", "--porcelain", "--untracked-files=all")).isEmpty();
        assertThat(dir.resolve(".gitignore")).doesNotExist();
    }

    @Test
    void aProjectInASubFolderExcludesItsOwnFoldersAndNoRepositoryIsNothing(@TempDir Path other) throws Exception {
        GitCli.init(dir);
        Path project = Files.createDirectories(dir.resolve("libs/athena"));
        assertThat(GitExclude.toolFolders(Project.at(project)).added())
                .containsExactly("/libs/athena/.rollback/", "/libs/athena/redundancy_reduction_backups/");
        GitExclude.Result none = GitExclude.toolFolders(Project.at(other));
        assertThat(none.added()).isEmpty();
        assertThat(none.failure()).isNull();
    }
}
