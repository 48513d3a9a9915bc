package dev.rollbackshell.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real git command line, for tests that compare with what git itself sees. HOME is
 * a private folder and the system config is off, so the machine's settings never leak in.
 */
public final class GitCli {

    private final Path repo;
    private final Path home;

    public GitCli(Path repo) {
        this.repo = repo;
        try {
            this.home = Files.createTempDirectory("git-home");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code git init} with a user configured in the repository itself. */
    public static GitCli init(Path repo) {
        GitCli git = new GitCli(repo);
        git.run("init", "-q", "-b", "main");
        git.run("config", "user.name", "Test User");
        git.run("config", "user.email", "test@example.com");
        git.run("config", "commit.gpgsign", "false");
        return git;
    }

    public String run(String... args) {
        return new String(bytes(args), StandardCharsets.UTF_8);
    }

    /** Runs git and returns its stdout; fails the test when git fails. */
    public byte[] bytes(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        cmd.addAll(List.of(args));
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.toFile());
            pb.environment().put("HOME", home.toString());
            pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
            pb.environment().put("GIT_TERMINAL_PROMPT", "0");
            pb.environment().put("GIT_OPTIONAL_LOCKS", "0"); // 'git status' must not refresh the index
            pb.environment().remove("GIT_DIR");
            pb.environment().remove("GIT_WORK_TREE");
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process p = pb.start();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread t = new Thread(() -> copy(p.getErrorStream(), err));
            t.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("git timed out: " + cmd);
            }
            t.join();
            if (p.exitValue() != 0) {
                throw new IllegalStateException("git failed (" + p.exitValue() + "): " + cmd + "\n" + err);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException e) {
            // ignore
        }
    }
}
