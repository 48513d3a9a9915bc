package dev.rollbackshell.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rollbackshell.diagnose.Diagnosis;
import dev.rollbackshell.diagnose.Suggestions;
import dev.rollbackshell.project.RollbackException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a session remembers between commands, kept in {@code .rollback/session.json} so
 * one-shot commands compose exactly like lines typed into one REPL: the selected backup,
 * the latest diagnosis (the record {@code diagnose --json} prints), the latest
 * suggestions, and a timeline of what was done, for the incident report. Read and written
 * by {@link SessionJson} only (docs/architecture.md, "The session").
 */
public record SessionState(String selectedBackup, Diagnosis diagnosis, Suggestions suggestions, List<Event> events) {

    public SessionState {
        events = events == null ? List.of() : List.copyOf(events);
    }

    public static SessionState empty() {
        return new SessionState(null, null, null, List.of());
    }

    public SessionState withSelectedBackup(String id) {
        return new SessionState(id, diagnosis, suggestions, events);
    }

    public SessionState withDiagnosis(Diagnosis newDiagnosis) {
        return new SessionState(selectedBackup, newDiagnosis, null, events);
    }

    public SessionState withSuggestions(Suggestions newSuggestions) {
        return new SessionState(selectedBackup, diagnosis, newSuggestions, events);
    }

    public SessionState withEvent(Event event) {
        List<Event> all = new ArrayList<>(events);
        all.add(event);
        return new SessionState(selectedBackup, diagnosis, suggestions, all);
    }

    /** The latest diagnosis; refuses (exit 2) when there is none. */
    public Diagnosis requireDiagnosis() {
        if (diagnosis == null) {
            throw RollbackException.badInput("no diagnosis in this session; run 'diagnose' first");
        }
        return diagnosis;
    }

    /** The latest suggestions; refuses (exit 2) when there are none (no 'suggest' since the last 'diagnose'). */
    public Suggestions requireSuggestions() {
        if (suggestions == null) {
            // a session never written says so; one written since (a backup selected, anything recorded) asks for
            // 'suggest', as it always has (docs/restore.md)
            throw RollbackException.badInput(equals(empty()) ? "no diagnosis in this session; run 'diagnose' then 'suggest'"
                    : "no suggestions for the latest diagnosis; run 'suggest' first");
        }
        return suggestions;
    }

    /**
     * One entry of the session's timeline: a backup, a diagnosis, a restore, an undo...
     *
     * @param files for a command that wrote into the protected folders (restore, undo, redo): how many files it
     *              wrote or removed; null for the others
     * @param tree  for a command that ran the checks (diagnose, verify): the fingerprint of the tree they checked
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(Instant at, String kind, String summary, int exitStatus, Integer files, String tree) {

        public Event(Instant at, String kind, String summary, int exitStatus) {
            this(at, kind, summary, exitStatus, null, null);
        }
    }
}
