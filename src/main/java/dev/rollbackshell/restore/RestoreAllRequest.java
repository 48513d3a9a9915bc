package dev.rollbackshell.restore;

import java.util.List;

/**
 * {@code restore all}: every protected folder made exactly like the source (files the
 * source lacks removed, missing ones written, changed ones replaced, unchanged ones not
 * touched), and generated files matching the clean patterns removed, as one journal entry.
 *
 * @param only          restrict to this folder (inside a protected folder), or null
 * @param folders       the protected folders
 * @param cleanPatterns generated files to remove and never restore ({@code **}{@code /*.pyc})
 * @param checksum      compare every file by content, never by size and time alone (rsync's {@code --checksum})
 */
public record RestoreAllRequest(SourceRef source, String only, List<String> folders, List<String> cleanPatterns,
        boolean dryRun, boolean force, boolean checksum) {

    public RestoreAllRequest {
        folders = List.copyOf(folders);
        cleanPatterns = cleanPatterns == null ? List.of() : List.copyOf(cleanPatterns);
    }

    public RestoreAllRequest(SourceRef source, String only, List<String> folders, List<String> cleanPatterns,
            boolean dryRun, boolean force) {
        this(source, only, folders, cleanPatterns, dryRun, force, false);
    }
}
