package dev.rollbackshell.journal;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * One entry of the journal as {@code undo --list} shows it.
 *
 * @param status      {@code complete}; {@code interrupted} (the process died while it ran:
 *                    {@code undo} still reverts it exactly); {@code failed} (an error stopped it
 *                    and what it had done was put back)
 * @param reverts     for an undo or redo: the entry it reverts
 * @param revertedBy  the undo (or redo) that reverted this entry and is itself in effect, or null
 * @param effective   its changes are in the project now (not reverted)
 * @param paths       the project paths it touched, in order
 */
@JsonAutoDetect(isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public record JournalEntry(int seq, String name, String kind, String summary, Instant createdAt, String status,
        Integer reverts, boolean automatic, Integer revertedBy, boolean effective, int steps, int done,
        int written, int removed, String error, List<String> paths, @JsonIgnore Path dir) {

    public static final String COMPLETE = "complete";
    public static final String INTERRUPTED = "interrupted";
    public static final String FAILED = "failed";

    public boolean isRevert() {
        return Journal.UNDO.equals(kind) || Journal.REDO.equals(kind);
    }
}
