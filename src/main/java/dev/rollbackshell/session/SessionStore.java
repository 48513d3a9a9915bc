package dev.rollbackshell.session;

import dev.rollbackshell.project.Clocks;
import dev.rollbackshell.project.AtomicFiles;
import dev.rollbackshell.project.Failures;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.RollbackException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * Reads and writes {@code .rollback/session.json}. Every command reads it afresh, so a
 * one-shot command sees what the previous one selected, and two shells on one project
 * see each other's choices.
 *
 * <p>{@link #update} is atomic across processes: it reads, changes and writes the file
 * while holding an operating-system lock on {@code .rollback/session.lock} (waiting for
 * it, since an update takes milliseconds), so two runs recording at once lose nothing.
 * This lock is not the project lock: a session update never waits for a restore.
 */
public final class SessionStore {

    /** One holder per process: the OS lock is per process, not per thread. */
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    private final Path file;
    private final Path lockFile;

    /** What {@code session.json} was when this process last looked through {@link #changedElsewhere} or wrote it. */
    private record Stamp(Object key, long size, long mtimeNanos) {
    }

    private Stamp seen;
    private SessionState seenState;

    public SessionStore(Project project) {
        this.file = project.state("session.json");
        this.lockFile = project.state("session.lock");
    }

    public SessionState load() {
        if (!Files.isRegularFile(file)) {
            return SessionState.empty();
        }
        try {
            return SessionJson.read(file);
        } catch (IOException e) {
            // refused, not replaced by an empty session: that would drop the selected backup and the timeline unseen
            throw RollbackException.badInput("session state " + file + " is damaged (" + Failures.describe(e)
                    + "); nothing was changed. Move it aside, which keeps its timeline for you to read, and start a"
                    + " fresh session: mv " + file + " " + file + ".damaged, then 'backup select latest'");
        }
    }

    /**
     * For the REPL, before each command: a few words on what another run changed in the session since this
     * process last looked (or wrote it), such as "backup 20260101_120000 selected"; null when nothing changed,
     * and on the first look. Every command reads the session afresh anyway; this only says so.
     */
    public synchronized String changedElsewhere() {
        Stamp now = stamp();
        Stamp before = seen;
        SessionState was = seenState;
        if (now.equals(before)) {
            return null;
        }
        seen = now;
        try {
            seenState = load();
        } catch (RollbackException e) {
            seenState = null;
            return before == null ? null : "it is damaged now; the next command that reads it says how to repair it";
        }
        return before == null ? null : describe(was == null ? SessionState.empty() : was, seenState);
    }

    /** Takes the first look {@link #changedElsewhere} compares with, once (the REPL's first prompt). */
    public synchronized void watch() {
        if (seen == null) {
            changedElsewhere();
        }
    }

    private static String describe(SessionState was, SessionState now) {
        if (!java.util.Objects.equals(was.selectedBackup(), now.selectedBackup())) {
            return now.selectedBackup() == null ? "no backup selected" : "backup " + now.selectedBackup() + " selected";
        }
        if (now.events().size() > was.events().size()) {
            SessionState.Event last = now.events().get(now.events().size() - 1);
            return "latest: " + last.summary();
        }
        return "its diagnosis or suggestions were replaced";
    }

    private Stamp stamp() {
        try {
            var a = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
            return new Stamp(a.fileKey(), a.size(), a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS));
        } catch (IOException e) {
            return new Stamp(null, -1, -1); // no session yet
        }
    }

    /** Reads the state, applies {@code change} and writes the result, all under the session lock. */
    public SessionState update(UnaryOperator<SessionState> change) {
        IN_PROCESS.lock();
        try {
            if (IN_PROCESS.getHoldCount() > 1) {
                return write(change.apply(load())); // nested: this process holds the OS lock already
            }
            Files.createDirectories(lockFile.getParent());
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock held = ch.lock()) {
                Stamp read = stamp();
                SessionState next = write(change.apply(load()));
                synchronized (this) {
                    // our own write is no news; one that also carried another run's unseen change still is
                    if (read.equals(seen)) {
                        seen = stamp();
                        seenState = next;
                    }
                }
                return next;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock session state " + lockFile, e);
        } finally {
            IN_PROCESS.unlock();
        }
    }

    private SessionState write(SessionState next) {
        try {
            AtomicFiles.write(file, SessionJson.bytes(next));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write session state " + file, e);
        }
        return next;
    }

    /** Adds an entry to the session's timeline. */
    public void record(String kind, String summary, int exitStatus) {
        record(new SessionState.Event(Clocks.now(), kind, summary, exitStatus));
    }

    /** Adds a command that wrote or removed {@code files} files in the protected folders. */
    public void recordChange(String kind, String summary, int exitStatus, int files) {
        record(new SessionState.Event(Clocks.now(), kind, summary, exitStatus, files, null));
    }

    /** Adds a command that ran the checks on the tree whose fingerprint is {@code tree}. */
    public void recordChecked(String kind, String summary, int exitStatus, String tree) {
        record(new SessionState.Event(Clocks.now(), kind, summary, exitStatus, null, tree));
    }

    public void record(SessionState.Event event) {
        update(s -> s.withEvent(event));
    }
}
