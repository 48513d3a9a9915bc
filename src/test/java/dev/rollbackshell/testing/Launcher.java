package dev.rollbackshell.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real launcher, {@code scripts/rollback-shell}, as a user would: a separate
 * process, in a folder, with arguments and standard input; gives back stdout, stderr and
 * the exit status. For the end-to-end tests ({@code *IT}, run by failsafe after the jar is
 * packaged).
 */
public final class Launcher {

    public record Run(int status, String out, String err) {
    }

    public static Path repo() {
        return Path.of(System.getProperty("rollback.repo", ".")).toAbsolutePath().normalize();
    }

    public static Path script(String name) {
        return repo().resolve("scripts").resolve(name);
    }

    /** {@code scripts/rollback-shell ARGS} in {@code dir}, no standard input. */
    public static Run run(Path dir, String... args) {
        return exec(dir, null, Map.of(), command("rollback-shell", args));
    }

    /** {@code scripts/rollback-shell} in {@code dir}, with {@code stdin} piped in. */
    public static Run runWithInput(Path dir, String stdin, String... args) {
        return exec(dir, stdin, Map.of(), command("rollback-shell", args));
    }

    /**
     * The one environment of every launcher run and of every process an end-to-end test
     * starts: git's and Java's home a private folder, no global or system git config, a
     * fixed author ({@link GitCli#isolate}), no colour, no terminal width; then {@code env}
     * (its {@code ROLLBACK_SHELL_JAVA_OPTS} after the {@code -Duser.home} every run gets).
     */
    public static ProcessBuilder process(Path dir, Map<String, String> env, List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> all = pb.environment();
        all.remove("COLUMNS"); // output to a file is never fitted to a width, unless a test says so
        GitCli.isolate(all);
        all.put("NO_COLOR", "1");
        all.putAll(env);
        String opts = env.get("ROLLBACK_SHELL_JAVA_OPTS");
        all.put("ROLLBACK_SHELL_JAVA_OPTS", "-Duser.home=" + all.get("HOME") + (opts == null ? "" : " " + opts));
        return pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    }

    /** Any command line, in {@code dir}, with extra environment ({@link #process}). */
    public static Run exec(Path dir, String stdin, Map<String, String> env, List<String> command) {
        try {
            ProcessBuilder pb = process(dir, env, command);
            if (stdin != null) {
                pb.redirectInput(ProcessBuilder.Redirect.PIPE);
            }
            Path out = Files.createTempFile("launcher-out", ".txt");
            Path err = Files.createTempFile("launcher-err", ".txt");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            if (stdin != null) {
                try (var in = p.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            Run r = new Run(p.exitValue(), Files.readString(out), Files.readString(err));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return r;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The command line {@code scripts/NAME ARGS}, for {@link #exec}. */
    public static List<String> command(String name, String... args) {
        List<String> all = new ArrayList<>();
        all.add(script(name).toString());
        all.addAll(List.of(args));
        return all;
    }

    private Launcher() {
    }
}
