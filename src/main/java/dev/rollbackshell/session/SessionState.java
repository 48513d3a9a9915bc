package dev.rollbackshell.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a session remembers between commands, kept in {@code .rollback/session.json} so
 * one-shot commands compose exactly like lines typed into one REPL: the selected backup,
 * the latest diagnosis (as the JSON document {@code diagnose --json} prints), the latest
 * suggestions, and a timeline of what was done, for the incident report.
 */
public record SessionState(String selectedBackup, JsonNode diagnosis, JsonNode suggestions, List<Event> events) {

    public SessionState {
        events = events == null ? List.of() : List.copyOf(events);
    }

    public static SessionState empty() {
        return new SessionState(null, null, null, List.of());
    }

    public SessionState withSelectedBackup(String id) {
        return new SessionState(id, diagnosis, suggestions, events);
    }

    public SessionState withDiagnosis(JsonNode newDiagnosis) {
        return new SessionState(selectedBackup, newDiagnosis, null, events);
    }

    public SessionState withSuggestions(JsonNode newSuggestions) {
        return new SessionState(selectedBackup, diagnosis, newSuggestions, events);
    }

    public SessionState withEvent(Event event) {
        List<Event> all = new ArrayList<>(events);
        all.add(event);
        return new SessionState(selectedBackup, diagnosis, suggestions, all);
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
