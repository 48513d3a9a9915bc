package dev.rollbackshell.testing;

import java.io.IOException;
import java.nio.file.Files;
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

    /**
     * Points {@code ref} of a (bare) repository at a new commit whose tree is the old one
     * with {@code path} rewritten, made with git's plumbing and an index of its own: a
     * remote's content changed behind the tool's back, as an attacker or a bad disk would.
     */
    public static void rewrite(Path repo, String ref, String path, String content) throws IOException {
        Path file = Files.createTempFile("rewritten", ".txt");
        Path index = Files.createTempFile("rewrite-index", "");
        try {
            Files.writeString(file, content);
            Files.delete(index); // git writes it afresh
            String blob = plumbing(repo, index, "git", "hash-object", "-w", file.toString()).strip();
            plumbing(repo, index, "git", "read-tree", ref);
            plumbing(repo, index, "git", "update-index", "--cacheinfo", "100644," + blob + "," + path);
            String tree = plumbing(repo, index, "git", "write-tree").strip();
            String commit = plumbing(repo, index, "git", "commit-tree", tree, "-m", "rewritten").strip();
            plumbing(repo, index, "git", "update-ref", ref, commit);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(index);
        }
    }

    private static String plumbing(Path dir, Path index, String... cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("GIT_INDEX_FILE", index.toString());
        pb.environment().put("GIT_AUTHOR_NAME", "x");
        pb.environment().put("GIT_AUTHOR_EMAIL", "x@example.invalid");
        pb.environment().put("GIT_COMMITTER_NAME", "x");
        pb.environment().put("GIT_COMMITTER_EMAIL", "x@example.invalid");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + ": " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }
}
