package dev.rollbackshell.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The tests' one git helper: real repositories made, changed and read with the real git
 * command line. Every git process a test starts, and every launcher run
 * ({@link Launcher}), gets {@link #isolate(Map)}: a private HOME, no global or system
 * config, a fixed author and committer, so the machine's settings never leak in.
 */
public final class GitCli {

    public static final String NAME = "Test User";
    public static final String EMAIL = "test@example.com";

    private static final Path HOME = home();

    private final Path repo;
    private final Map<String, String> env;

    public GitCli(Path repo) {
        this(repo, Map.of());
    }

    private GitCli(Path repo, Map<String, String> env) {
        this.repo = repo;
        this.env = env;
    }

    /** {@code git init} with a user configured in the repository itself. */
    public static GitCli init(Path repo) {
        GitCli git = new GitCli(repo);
        git.run("init", "-q", "-b", "main");
        git.run("config", "user.name", NAME);
        git.run("config", "user.email", EMAIL);
        git.run("config", "commit.gpgsign", "false");
        return git;
    }

    /** {@code git init --bare} of {@code repo}. */
    public static GitCli initBare(Path repo) {
        new GitCli(repo.toAbsolutePath().getParent()).run("init", "-q", "--bare", "-b", "main", repo.toString());
        return new GitCli(repo);
    }

    /**
     * The environment every git process and launcher run of the tests starts with: HOME a
     * private folder, no global and no system config, author and committer fixed, no
     * prompts. {@code env} is changed in place and returned.
     */
    public static Map<String, String> isolate(Map<String, String> env) {
        env.put("HOME", HOME.toString());
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_AUTHOR_NAME", NAME);
        env.put("GIT_AUTHOR_EMAIL", EMAIL);
        env.put("GIT_COMMITTER_NAME", NAME);
        env.put("GIT_COMMITTER_EMAIL", EMAIL);
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.remove("GIT_DIR");
        env.remove("GIT_WORK_TREE");
        env.remove("GIT_INDEX_FILE");
        return env;
    }

    /** This repository with commits made as {@code name <email>} at {@code when}. */
    public GitCli as(String name, String email, Instant when) {
        Map<String, String> e = new HashMap<>(env);
        String date = "@" + when.getEpochSecond() + " +0000";
        e.put("GIT_AUTHOR_NAME", name);
        e.put("GIT_AUTHOR_EMAIL", email);
        e.put("GIT_AUTHOR_DATE", date);
        e.put("GIT_COMMITTER_NAME", name);
        e.put("GIT_COMMITTER_EMAIL", email);
        e.put("GIT_COMMITTER_DATE", date);
        return new GitCli(repo, Map.copyOf(e));
    }

    /** {@code git add -A && git commit -m message} (an empty commit too); the new commit's id. */
    public String commitAll(String message) {
        run("add", "-A");
        run("commit", "-q", "--allow-empty", "-m", message);
        return head();
    }

    /** The commit id HEAD points at. */
    public String head() {
        return run("rev-parse", "HEAD").strip();
    }

    /**
     * Points {@code ref} of this (bare) repository at a new commit whose tree is the old one
     * with {@code path} rewritten, made with git's plumbing and an index of its own: a
     * remote's content changed behind the tool's back, as an attacker or a bad disk would.
     */
    public void rewrite(String ref, String path, String content) throws IOException {
        Path file = Files.createTempFile("rewritten", ".txt");
        Path index = Files.createTempFile("rewrite-index", "");
        try {
            Files.writeString(file, content);
            Files.delete(index); // git writes it afresh
            GitCli plumbing = new GitCli(repo, Map.of("GIT_INDEX_FILE", index.toString()));
            String blob = plumbing.run("hash-object", "-w", file.toString()).strip();
            plumbing.run("read-tree", ref);
            plumbing.run("update-index", "--cacheinfo", "100644," + blob + "," + path);
            String tree = plumbing.run("write-tree").strip();
            String commit = plumbing.run("commit-tree", tree, "-m", "rewritten").strip();
            plumbing.run("update-ref", ref, commit);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(index);
        }
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
            isolate(pb.environment());
            pb.environment().put("GIT_OPTIONAL_LOCKS", "0"); // 'git status' must not refresh the index
            pb.environment().putAll(env);
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

    private static Path home() {
        try {
            Path home = Files.createTempDirectory("test-home");
            home.toFile().deleteOnExit();
            return home;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
