package dev.rollbackshell.restore;

import dev.rollbackshell.journal.Change;
import java.util.List;
import java.util.Map;

/**
 * A restore worked out and checked but not yet done: {@link #report()} says what it will
 * write, remove and leave (what {@code --dry-run} prints); {@link Restorer#apply} does it.
 * Nothing is written before {@code apply}.
 */
public final class RestorePlan implements AutoCloseable {

    private final RestoreReport report;
    private final List<Change> changes;
    private final Source source;
    private final Map<String, SourceEntry> toWrite;
    private final String kind;
    private final String summary;
    private final List<String> overwrites;

    RestorePlan(RestoreReport report, List<Change> changes, Source source, Map<String, SourceEntry> toWrite, String kind,
            String summary, List<String> overwrites) {
        this.report = report;
        this.overwrites = List.copyOf(overwrites);
        this.changes = List.copyOf(changes);
        this.source = source;
        this.toWrite = toWrite;
        this.kind = kind;
        this.summary = summary;
    }

    public RestoreReport report() {
        return report;
    }

    public boolean dryRun() {
        return report.dryRun();
    }

    /** True when the project already is what the restore would make it. */
    public boolean changesNothing() {
        return report.changesNothing();
    }

    /** One line: "restore src/a.py from backup 20260101_120000". */
    public String summary() {
        return summary;
    }

    /**
     * The project's files and links (never folders) whose current content the restore
     * replaces or removes, in path order (a file that is only missing is not among them).
     */
    public List<String> overwrites() {
        return overwrites;
    }

    List<Change> changes() {
        return changes;
    }

    Source source() {
        return source;
    }

    Map<String, SourceEntry> toWrite() {
        return toWrite;
    }

    String kind() {
        return kind;
    }

    @Override
    public void close() {
        source.close();
    }
}
