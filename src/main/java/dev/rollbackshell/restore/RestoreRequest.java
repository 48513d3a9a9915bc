package dev.rollbackshell.restore;

import java.util.List;

/**
 * {@code restore file}: these project paths (files or folders) from this source.
 *
 * @param exact  a folder is made exactly like the source's: files added since are removed too
 * @param dryRun say what would be written, removed and left; change nothing
 * @param force  write a copy even when it does not match the backup's manifest (damaged)
 * @param checksum compare every file by content, never by size and time alone (rsync's {@code --checksum})
 */
public record RestoreRequest(List<String> paths, SourceRef source, boolean exact, boolean dryRun, boolean force,
        boolean checksum) {

    public RestoreRequest {
        paths = List.copyOf(paths);
    }

    public RestoreRequest(List<String> paths, SourceRef source, boolean exact, boolean dryRun, boolean force) {
        this(paths, source, exact, dryRun, force, false);
    }
}
