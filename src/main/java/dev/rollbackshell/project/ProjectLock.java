package dev.rollbackshell.project;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Keeps two runs from changing one project at once: {@code .rollback/lock} holds the pid,
 * host and start time of the holder, and an operating-system lock on that file. The OS
 * drops the lock when the holder dies, so a lock left by a crashed run never blocks: the
 * next run takes it over and says so. Reentrant for the thread that holds it; another thread of
 * this process is refused like another run.
 */
public final class ProjectLock implements AutoCloseable {

    private static final Object MONITOR = new Object();

    /**
     * The locks this process holds, one per project folder (a scratch copy is a project of its own). The OS lock
     * is per process, so the thread that took it is kept too: another thread of this process asking for the same
     * project is refused like another run, never let in because the process holds the lock already.
     */
    private static final Map<Path, Held> HELD = new HashMap<>();

    private static final class Held {
        final FileChannel channel;
        final FileLock lock;
        final Thread owner;
        final String purpose;
        int depth = 1;

        Held(FileChannel channel, FileLock lock, Thread owner, String purpose) {
            this.channel = channel;
            this.lock = lock;
            this.owner = owner;
            this.purpose = purpose;
        }
    }

    private final Path key;
    private boolean closed;

    private ProjectLock(Path key) {
        this.key = key;
    }

    /**
     * Takes the project's lock or refuses (exit 2) naming the holder. {@code warn} hears
     * about a stale lock taken over from a process that is gone. Reentrant for the thread holding it.
     */
    public static ProjectLock acquire(Project project, String purpose, Consumer<String> warn) {
        Path file = project.state("lock");
        Path key = file.toAbsolutePath().normalize();
        synchronized (MONITOR) {
            Held held = HELD.get(key);
            if (held != null) {
                if (held.owner != Thread.currentThread()) {
                    throw RollbackException.badInput("project is locked by another rollback-shell run (pid="
                            + ProcessHandle.current().pid() + " doing=" + held.purpose
                            + ", in this process); wait for it to finish, then try again");
                }
                held.depth++;
                return new ProjectLock(key);
            }
            try {
                Files.createDirectories(file.getParent());
                FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = ch.tryLock();
                } catch (IOException e) {
                    ch.close();
                    throw e;
                }
                String previous = read(ch);
                if (lock == null) {
                    ch.close();
                    throw RollbackException.badInput("project is locked by another rollback-shell run ("
                            + describe(previous) + "); wait for it to finish, then try again");
                }
                if (!previous.isBlank()) {
                    warn.accept("took over the lock left by a run that is gone (" + describe(previous) + ")");
                }
                String me = "pid=" + ProcessHandle.current().pid() + " host=" + host() + " since="
                        + Instant.now() + " doing=" + purpose + "\n";
                try {
                    ch.truncate(0);
                    ch.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
                    ch.force(true);
                } catch (IOException e) {
                    lock.release(); // a full disk: give the lock back, or the next run in this process overlaps it
                    ch.close();
                    throw e;
                }
                HELD.put(key, new Held(ch, lock, Thread.currentThread(), purpose));
                return new ProjectLock(key);
            } catch (IOException e) {
                if (FreeSpace.isNoSpace(e)) {
                    throw RollbackException.badInput("cannot take the project lock: " + Failures.describe(FreeSpace.named(file, e))
                            + "; free some space there and run it again; nothing was changed");
                }
                throw new UncheckedIOException("cannot take the project lock " + file, e);
            }
        }
    }

    @Override
    public void close() {
        synchronized (MONITOR) {
            if (closed) {
                return;
            }
            closed = true;
            Held held = HELD.get(key);
            if (held == null || --held.depth > 0) {
                return;
            }
            HELD.remove(key);
            // a run stopped by Ctrl-C releases the lock too: file channels refuse to work on an
            // interrupted thread, so the interrupt waits until the lock is released
            boolean interrupted = Thread.interrupted();
            try {
                // empty the file first: a non-empty lock file with no OS lock means a crash
                held.channel.truncate(0);
                held.lock.release();
                held.channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static String read(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(4096);
        ch.read(buf, 0);
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).trim();
    }

    private static String describe(String content) {
        return content.isBlank() ? "holder unknown" : content.replace("\n", " ").trim();
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
