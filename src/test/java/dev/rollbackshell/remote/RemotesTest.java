package dev.rollbackshell.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollbackshell.project.RollbackException;
import dev.rollbackshell.testing.GitCli;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which remote, and the user's own credentials: git's credential helpers, never a prompt. */
class RemotesTest {

    @TempDir
    Path dir;

    @Test
    void httpsCredentialsComeFromGitsCredentialHelperAndNothingIsAsked() throws Exception {
        GitCli git = GitCli.init(dir);
        git.run("config", "credential.helper", "!f() { echo username=alice; echo password=s3cret; }; f");
        Remotes.GitCredentials c = new Remotes.GitCredentials(dir);
        CredentialItem.Username user = new CredentialItem.Username();
        CredentialItem.Password pass = new CredentialItem.Password();
        assertThat(c.isInteractive()).isFalse();
        assertThat(c.get(new URIish("https://git.example.invalid/team/athena.git"), user, pass)).isTrue();
        assertThat(user.getValue()).isEqualTo("alice");
        assertThat(new String(pass.getValue())).isEqualTo("s3cret");
    }

    @Test
    void withoutAHelperThereAreNoCredentialsAndNoPrompt() throws Exception {
        GitCli.init(dir);
        Remotes.GitCredentials c = new Remotes.GitCredentials(dir);
        // no helper, prompts off: git gives up at once instead of waiting for a terminal
        assertThat(c.fill(new URIish("https://git.example.invalid/team/athena.git"))).isNull();
    }

    @Test
    void aNameIsLookedUpAUrlOrAnExistingPathIsTakenAsItIs() throws Exception {
        GitCli git = GitCli.init(dir);
        git.run("remote", "add", "backups", "git://127.0.0.1:9/b.git");
        try (Repository repo = new FileRepositoryBuilder().setGitDir(dir.resolve(".git").toFile()).build()) {
            Remotes.Target named = Remotes.resolve(repo, dir, "backups");
            assertThat(named.configured()).isTrue();
            assertThat(named.url()).isEqualTo("git://127.0.0.1:9/b.git");
            assertThat(Remotes.resolve(repo, dir, "ssh://host/x.git").configured()).isFalse();
            assertThat(Remotes.resolve(repo, dir, "me@host:x.git").url()).isEqualTo("me@host:x.git");
            assertThat(Remotes.resolve(repo, dir, ".git").url()).isEqualTo(dir.resolve(".git").toString());
            assertThatThrownBy(() -> Remotes.resolve(repo, dir, null)).isInstanceOf(RollbackException.class)
                    .hasMessageContaining("no git remote origin").hasMessageContaining("the remotes here: backups");
        }
    }
}
