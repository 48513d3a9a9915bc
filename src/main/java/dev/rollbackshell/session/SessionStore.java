package dev.rollbackshell.session;

import dev.rollbackshell.project.Clocks;
import dev.rollbackshell.json.Json;
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

    public SessionStore(Project project) {
        this.file = project.state("session.json");
        this.lockFile = project.state("session.lock");
    }

    public SessionState load() {
        if (!Files.isRegularFile(file)) {
            return SessionState.empty();
        }
        try {
            return Json.read(file, SessionState.class);
        } catch (IOException e) {
            // refused, not replaced by an empty session: that would drop the selected backup and the timeline unseen
            throw RollbackException.badInput("session state " + file + " is damaged (" + Failures.describe(e)
                    + "); nothing was changed. Move it aside, which keeps its timeline for you to read, and start a"
                    + " fresh session: mv " + file + " " + file + ".damaged, then 'backup select latest'");
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
                return write(change.apply(load()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock session state " + lockFile, e);
        } finally {
            IN_PROCESS.unlock();
        }
    }

    private SessionState write(SessionState next) {
        try {
            AtomicFiles.write(file, Json.bytes(next));
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
