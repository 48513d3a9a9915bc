package dev.rollbackshell.check;

import dev.rollbackshell.project.Interruption;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs an external command as an argument list (never through a shell), in a folder, with
 * extra environment and a time-out; stdout and stderr are captured together. At the
 * time-out the whole process tree is killed (children first, so none is left behind).
 * Standard input is empty, so a command waiting for input cannot hang a run.
 */
public final class CommandRunner {

    /**
     * Output kept per command, in memory: beyond it the first and the last {@code MAX_OUTPUT / 2}
     * bytes are kept (how it started, and the end, where the errors are), never a file that grows
     * without end.
     */
    public static final int MAX_OUTPUT = 2 * 1024 * 1024;

    /** The longest line a line listener hears; the rest of a longer one is left out. */
    static final int LINE_MAX = 8192;

    private CommandRunner() {
    }

    public static ProcessResult run(List<String> argv, Path dir, Map<String, String> env, int timeoutSeconds) {
        return run(argv, dir, env, timeoutSeconds, Progress.NONE, null);
    }

    /**
     * Runs {@code argv} in {@code dir}. A first word with a slash ({@code ./mvnw}) is taken
     * relative to {@code dir}, not to this process's folder. While it runs, {@code heartbeat}
     * hears every 15 seconds that it still does (with {@code label}). Interrupted (Ctrl-C),
     * it kills the process tree and throws {@link Interruption.Interrupted}: an interrupted
     * command has no result, so none can be recorded as the project's.
     */
    public static ProcessResult run(List<String> argv, Path dir, Map<String, String> env, int timeoutSeconds,
            Progress heartbeat, String label) {
        return run(argv, dir, env, timeoutSeconds, heartbeat, label, null);
    }

    /**
     * As {@link #run(List, Path, Map, int, Progress, String)}, and {@code lines} (when not
     * null) hears each line of output as the command prints it, on the thread that reads it
     * (lines over {@value #LINE_MAX} bytes are cut there); for counting progress.
     */
    public static ProcessResult run(List<String> argv, Path dir, Map<String, String> env, int timeoutSeconds,
            Progress heartbeat, String label, Consumer<String> lines) {
        List<String> command = new ArrayList<>(argv);
        String exe = command.get(0);
        if (exe.contains("/") && !Path.of(exe).isAbsolute()) {
            command.set(0, dir.resolve(exe).normalize().toString());
        } else if (!exe.contains("/") && env.containsKey("PATH")) {
            // found on the PATH the command will see, as a shell would; Java looks on its own
            Path found = which(exe, env.get("PATH"));
            if (found != null) {
                command.set(0, found.toString());
            }
        }
        long start = System.nanoTime();
        sweepOldTempFiles();
        OutputCapture out = new OutputCapture(MAX_OUTPUT);
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.PIPE)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().putAll(env);
            Interruption.check();
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                return new ProcessResult(argv, -1, "", millis(start), false, startMessage(e));
            }
            Thread reader = out.drain(p.getInputStream(), lines);
            boolean done = false;
            try {
                done = waitFor(p, timeoutSeconds, start, heartbeat, label, argv);
            } catch (InterruptedException e) {
                killTree(p);
                Thread.currentThread().interrupt();
                throw new Interruption.Interrupted();
            }
            if (!done) {
                long ran = millis(start);
                killTree(p);
                reader.join(TimeUnit.SECONDS.toMillis(5));
                return new ProcessResult(argv, -1, out.text(), ran, true, null);
            }
            if (Thread.currentThread().isInterrupted() || p.exitValue() == Interruption.STATUS) {
                // Ctrl-C reached the child too (a terminal signals the whole process group):
                // its result says nothing about the project
                throw new Interruption.Interrupted();
            }
            // a child left running in the background may hold the pipe open: do not wait for it long
            reader.join(TimeUnit.SECONDS.toMillis(5));
            return new ProcessResult(argv, p.exitValue(), out.text(), millis(start), false, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Interruption.Interrupted();
        }
    }

    /**
     * The file a bare program name starts, looked up on {@code pathVariable} as a shell
     * does: the first regular, executable file of that name; null when there is none.
     */
    public static Path which(String exe, String pathVariable) {
        if (pathVariable == null) {
            return null;
        }
        for (String d : pathVariable.split(File.pathSeparator)) {
            if (!d.isEmpty()) {
                Path c = Path.of(d).resolve(exe);
                if (Files.isRegularFile(c) && Files.isExecutable(c)) {
                    return c;
                }
            }
        }
        return null;
    }

    /**
     * Older versions captured output in {@code rollback-check*.out} temporary files, which a
     * killed run left behind; those older than a day are removed.
     */
    private static void sweepOldTempFiles() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long dayAgo = System.currentTimeMillis() - TimeUnit.DAYS.toMillis(1);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(tmp, "rollback-check*.out")) {
            for (Path f : old) {
                try {
                    if (Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS).toMillis() < dayAgo
                            && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                        Files.deleteIfExists(f);
                    }
                } catch (IOException e) {
                    // another user's, or gone already
                }
            }
        } catch (IOException | RuntimeException e) {
            // no temporary folder to read: nothing to sweep
        }
    }

    /** Waits for {@code p} until its time-out, telling {@code heartbeat} every 15 s; false when it timed out. */
    private static boolean waitFor(Process p, int timeoutSeconds, long start, Progress heartbeat, String label,
            List<String> argv) throws InterruptedException {
        boolean done = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        long nextBeat = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!done) {
            long now = System.nanoTime();
            if (now >= deadline) {
                break;
            }
            long wait = Math.min(deadline, nextBeat) - now;
            done = p.waitFor(Math.max(1, wait), TimeUnit.NANOSECONDS);
            if (!done && System.nanoTime() >= nextBeat) {
                heartbeat.say("  ... " + (label == null ? String.join(" ", argv) : label) + " still running ("
                        + (millis(start) / 1000) + "s)");
                nextBeat += TimeUnit.SECONDS.toNanos(15);
            }
        }
        return done;
    }

    /**
     * Kills a process and all its descendants, children first, and waits for them to end
     * (also when this thread was interrupted: nothing is left running behind a Ctrl-C).
     */
    static void killTree(Process p) {
        boolean interrupted = Thread.interrupted();
        try {
            List<ProcessHandle> kids = p.descendants().toList();
            for (int i = kids.size() - 1; i >= 0; i--) {
                kids.get(i).destroyForcibly();
            }
            p.destroyForcibly();
            p.onExit().completeOnTimeout(p, 10, TimeUnit.SECONDS).join();
            for (ProcessHandle k : kids) {
                k.onExit().completeOnTimeout(k, 5, TimeUnit.SECONDS).join();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String startMessage(IOException e) {
        String m = String.valueOf(e.getMessage());
        int i = m.indexOf("error=");
        return i >= 0 ? m.substring(i).replaceFirst("error=\\d+, ", "") : m;
    }

    private static long millis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
