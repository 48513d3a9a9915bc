package dev.rollbackshell.journal;

import java.io.IOException;
import java.io.InputStream;

/**
 * The content a {@link Change.Write} puts into a project file: a backup's copy, a git
 * blob, a journal's saved file. Always read and copied, never linked, so that later
 * edits of the project can never reach back into a backup or the journal.
 */
public interface Content {

    InputStream open() throws IOException;

    /** The expected size, or -1 when unknown. */
    long size();

    /**
     * The expected SHA-256 of the content (hex), checked while it is copied: a mismatch
     * stops the whole change before anything in the project is touched. Null: not checked.
     */
    String sha256();

    /** Where it comes from, for messages ("backup 20260101_120000, src_backup/a.py"). */
    String origin();
}
