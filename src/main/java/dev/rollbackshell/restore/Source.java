package dev.rollbackshell.restore;

import dev.rollbackshell.journal.Content;
import java.io.IOException;
import java.nio.file.Path;
import java.util.NavigableMap;
import java.util.NavigableSet;

/** What a restore reads from: a backup or a git commit, opened. */
public interface Source extends AutoCloseable {

    /** {@code backup} or {@code git}. */
    String kind();

    /** For reports: {@code kind}, {@code id} or {@code ref}, {@code commit}, {@code description}. */
    RestoreReport.SourceInfo info();

    /** "backup 20260101_120000" or "git HEAD~1 (1a2b3c4)". */
    default String describe() {
        return info().description();
    }

    /** True when the source can hold this top-level folder at all (a backup holds some folders only). */
    boolean holdsFolder(String top);

    /** Its top-level folders, for messages. */
    NavigableSet<String> folders();

    /** Entries at {@code path} (a file) or below it (a folder); empty when the source has nothing there. */
    NavigableMap<String, SourceEntry> under(String path);

    /** Every path it holds, files and folders, for "did you mean" and completion. */
    NavigableSet<String> names();

    /** True when the project file has exactly the entry's content. */
    boolean sameContent(SourceEntry e, Path projectFile) throws IOException;

    /** The mode to give the project file ({@code currentMode}: what it has now, or null). */
    String modeFor(SourceEntry e, String currentMode);

    /** Refuses (exit 2) a copy that is, or runs through, a symbolic link leading out of the project. */
    void checkContained(SourceEntry e);

    /** Re-reads the copy and checks it against what was recorded; null when good, else what is wrong. */
    String verify(SourceEntry e);

    /** The content to write; {@code verify}: checked against the record while it is copied. */
    Content content(SourceEntry e, boolean verify);

    /**
     * True when {@code path} (or a folder above it) was left out of the source when it was
     * made (a backup's {@code notCopied}: unreadable, a pipe, a name that is no text):
     * {@code restore all} leaves such a project path as it is instead of removing it.
     */
    default boolean leftOut(String path) {
        return false;
    }

    @Override
    default void close() {
    }
}
