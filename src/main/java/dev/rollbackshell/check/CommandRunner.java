package dev.rollbackshell.check;

import dev.rollbackshell.project.Interruption;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external command as an argument list (never through a shell), in a folder, with
 * extra environment and a time-out; stdout and stderr are captured together. At the
 * time-out the whole process tree is killed (children first, so none is left behind).
 * Standard input is empty, so a command waiting for input cannot hang a run.
 */
public final class CommandRunner {

    /** Output kept per command; beyond it the end is kept (where the errors are). */
    public static final int MAX_OUTPUT = 2 * 1024 * 1024;

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
        List<String> command = new ArrayList<>(argv);
        String exe = command.get(0);
        if (exe.contains("/") && !Path.of(exe).isAbsolute()) {
            command.set(0, dir.resolve(exe).normalize().toString());
        }
        long start = System.nanoTime();
        Path out = null;
        try {
            out = Files.createTempFile("rollback-check", ".out");
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().putAll(env);
            Interruption.check();
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                return new ProcessResult(argv, -1, "", millis(start), false, startMessage(e));
            }
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
                return new ProcessResult(argv, -1, readTail(out), ran, true, null);
            }
            if (Thread.currentThread().isInterrupted() || p.exitValue() == Interruption.STATUS) {
                // Ctrl-C reached the child too (a terminal signals the whole process group):
                // its result says nothing about the project
                throw new Interruption.Interrupted();
            }
            return new ProcessResult(argv, p.exitValue(), readTail(out), millis(start), false, null);
        } catch (IOException e) {
            return new ProcessResult(argv, -1, "", millis(start), false, e.getMessage());
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException e) {
                    // a temp file left behind is harmless
                }
            }
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

    private static String readTail(Path file) throws IOException {
        long size = Files.size(file);
        if (size <= MAX_OUTPUT) {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            raf.seek(size - MAX_OUTPUT);
            byte[] buf = new byte[MAX_OUTPUT];
            raf.readFully(buf);
            return "[... " + (size - MAX_OUTPUT) + " bytes of output left out ...]\n"
                    + new String(buf, StandardCharsets.UTF_8);
        }
    }
}
