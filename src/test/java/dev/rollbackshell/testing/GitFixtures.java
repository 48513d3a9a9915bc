package dev.rollbackshell.testing;

import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;

/** Real git repositories for tests, made with JGit, with their own user name and e-mail. */
public final class GitFixtures {

    private GitFixtures() {
    }

    public static Git init(Path dir) throws IOException, GitAPIException {
        Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
        StoredConfig c = git.getRepository().getConfig();
        c.setString("user", null, "name", "Test");
        c.setString("user", null, "email", "test@example.invalid");
        c.save();
        return git;
    }

    /** {@code git add -A && git commit -m message}. */
    public static RevCommit commitAll(Git git, String message) throws GitAPIException {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        return git.commit().setMessage(message).setAuthor("Test", "test@example.invalid")
                .setCommitter("Test", "test@example.invalid").call();
    }
}
