package dev.rollbackshell.journal;

import java.time.Instant;

/**
 * What one project path must become. The journal works out the steps from what the path
 * is now: a file where a folder must go is removed first (and saved), missing parent
 * folders are created, a folder to remove is removed with everything in it.
 */
public sealed interface Change permits Change.Write, Change.Link, Change.Dir, Change.Remove {

    /** Project-relative path with forward slashes. */
    String path();

    /** Make {@code path} a regular file with this content, mode ({@code rw-r--r--}, null: default) and time (null: now). */
    record Write(String path, Content content, String mode, Instant mtime) implements Change {
    }

    /** Make {@code path} a symbolic link to {@code target}. */
    record Link(String path, String target) implements Change {
    }

    /** Make {@code path} a folder (mode null: default). */
    record Dir(String path, String mode) implements Change {
    }

    /** Make {@code path} absent: a file, a link, or a folder with all it holds. */
    record Remove(String path) implements Change {
    }
}
