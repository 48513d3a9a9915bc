package dev.rollbackshell.journal;

import java.time.Instant;
import java.util.List;

/**
 * {@code entry.json} of a journal entry, rewritten atomically as the entry moves on:
 * {@code prepared} (steps planned, contents being staged: the project is untouched),
 * {@code staged} (every new content staged and every before-image saved: steps being done,
 * each one logged in {@code done}), {@code complete}, or {@code failed}.
 */
record EntryDoc(int version, int seq, String kind, String summary, Instant createdAt, String status, Integer reverts,
        boolean automatic, String error, List<Step> steps) {

    static final int VERSION = 1;

    EntryDoc {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    EntryDoc with(String newStatus, String newError, List<Step> newSteps) {
        return new EntryDoc(version, seq, kind, summary, createdAt, newStatus, reverts, automatic, newError, newSteps);
    }
}
