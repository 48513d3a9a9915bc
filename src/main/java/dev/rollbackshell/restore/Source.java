package dev.rollbackshell.restore;

import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.journal.Content;
import dev.rollbackshell.journal.ContentMismatchException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;

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

    /**
     * True when the source recorded this top-level folder as a whole, so that an empty copy
     * of it still means "the folder was empty" (a backup); git records no folders.
     */
    default boolean recordsFolder(String top) {
        return false;
    }

    /** Paths under {@code folder} that the source's own rules ignore (git's ignore files); empty for a backup. */
    default Set<String> ignoredUnder(String folder) {
        return Set.of();
    }

    /**
     * Another backup with an intact copy of {@code path} ("20260101_120000", or with
     * " (another version)"), for when this source's copy is damaged; null when none or when
     * the source is not a backup.
     */
    default String goodCopyIn(BackupStore backups, String path) {
        return null;
    }

    /** What to say after a damaged copy from this source was refused: where a good copy is, or "". */
    default String damagedCopyHint(BackupStore backups, ContentMismatchException e) {
        return "";
    }

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
