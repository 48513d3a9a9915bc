package dev.rollbackshell.session;

import dev.rollbackshell.json.Json;
import dev.rollbackshell.project.AtomicFiles;
import dev.rollbackshell.project.Failures;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.RollbackException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * Reads and writes {@code .rollback/session.json}. Every command reads it afresh, so a
 * one-shot command sees what the previous one selected, and two shells on one project
 * see each other's choices.
 */
public final class SessionStore {

    private final Path file;

    public SessionStore(Project project) {
        this.file = project.state("session.json");
    }

    public SessionState load() {
        if (!Files.isRegularFile(file)) {
            return SessionState.empty();
        }
        try {
            return Json.read(file, SessionState.class);
        } catch (IOException e) {
            throw RollbackException.badInput("session state " + file + " is damaged (" + Failures.describe(e)
                    + "); delete it to start a fresh session");
        }
    }

    public SessionState update(UnaryOperator<SessionState> change) {
        SessionState next = change.apply(load());
        try {
            AtomicFiles.write(file, Json.bytes(next));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write session state " + file, e);
        }
        return next;
    }

    /** Adds an entry to the session's timeline. */
    public void record(String kind, String summary, int exitStatus) {
        record(new SessionState.Event(Instant.now(), kind, summary, exitStatus));
    }

    /** Adds a command that wrote or removed {@code files} files in the protected folders. */
    public void recordChange(String kind, String summary, int exitStatus, int files) {
        record(new SessionState.Event(Instant.now(), kind, summary, exitStatus, files, null));
    }

    /** Adds a command that ran the checks on the tree whose fingerprint is {@code tree}. */
    public void recordChecked(String kind, String summary, int exitStatus, String tree) {
        record(new SessionState.Event(Instant.now(), kind, summary, exitStatus, null, tree));
    }

    public void record(SessionState.Event event) {
        update(s -> s.withEvent(event));
    }
}
