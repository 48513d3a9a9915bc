package dev.rollbackshell.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code git daemon} on 127.0.0.1 and a free port, serving the bare repositories
 * under one folder with pushes allowed; {@link #close()} stops it and every child it forked.
 */
public final class GitDaemon implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path base;

    private GitDaemon(Process process, int port, Path base) {
        this.process = process;
        this.port = port;
        this.base = base;
    }

    /** True when this machine's git has the daemon ({@code git daemon} ships with git on Debian). */
    public static boolean available() {
        try {
            Process p = new ProcessBuilder("git", "daemon", "--help").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(20, TimeUnit.SECONDS) && Files.isExecutable(execPath().resolve("git-daemon"));
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Path execPath() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("git", "--exec-path").start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor(20, TimeUnit.SECONDS);
        return Path.of(out);
    }

    public static GitDaemon start(Path base) throws IOException, InterruptedException {
        int port = freePort();
        Path log = Files.createTempFile("git-daemon", ".log");
        ProcessBuilder pb = new ProcessBuilder(List.of("git", "daemon", "--export-all", "--enable=receive-pack",
                "--reuseaddr", "--informative-errors", "--listen=127.0.0.1", "--port=" + port,
                "--base-path=" + base, base.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        GitCli.isolate(pb.environment());
        Process p = pb.start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until) {
            if (!p.isAlive()) {
                throw new IllegalStateException("git daemon ended: " + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return new GitDaemon(p, port, base);
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("git daemon did not listen on port " + port + ": " + Files.readString(log));
    }

    /** {@code git://127.0.0.1:PORT/NAME} for the repository {@code base/NAME}. */
    public String url(String name) {
        return "git://127.0.0.1:" + port + "/" + name;
    }

    public Path base() {
        return base;
    }

    /** A port nothing listens on (for "no network"). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
