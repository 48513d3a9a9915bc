package dev.rollbackshell.backup;

import dev.rollbackshell.git.SafetyBranch;
import java.time.Duration;
import java.util.List;

/**
 * What {@code backup create} made.
 *
 * @param backup     the new backup, complete and listed
 * @param manifest   its manifest
 * @param copied     files copied (new or changed since the previous backup)
 * @param linked     files hard-linked to the previous backup's copies
 * @param linkedTo   the backup unchanged files were linked to, or null for a full copy
 * @param skipped    protected folders not copied, each with why ("data: does not exist")
 * @param git        the safety branch made, or why there is none
 * @param baseline   "recorded", "skipped (--no-baseline)" or why it failed
 * @param warnings   files that vanished or changed while being copied, special files skipped...
 * @param took       how long it took
 */
public record BackupResult(Backup backup, Manifest manifest, int copied, int linked, String linkedTo,
        List<String> skipped, SafetyBranch.Result git, String baseline, List<String> warnings, Duration took) {

    public BackupResult {
        skipped = List.copyOf(skipped);
        warnings = List.copyOf(warnings);
    }

    /** The same result with one more warning at the end. */
    public BackupResult withWarning(String warning) {
        List<String> more = new java.util.ArrayList<>(warnings);
        more.add(warning);
        return new BackupResult(backup, manifest, copied, linked, linkedTo, skipped, git, baseline, more, took);
    }
}
