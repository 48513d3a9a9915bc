package dev.rollbackshell.backup;

import java.time.Instant;
import java.util.List;

/**
 * One backup as {@code backup list} and {@code backup show} report it. The first nine
 * fields are the stable JSON contract of {@code backup list} (README, "JSON").
 *
 * @param files    files and links in the backup
 * @param bytes    bytes of file content
 * @param newBytes bytes this backup really wrote (the rest is hard-linked to an earlier
 *                 backup); a hand-made backup's copies are all new
 * @param gitRef   its safety branch, or null
 * @param notCopied entries left out of the backup, each "PATH: why" (JSON: only when there are any)
 */
public record BackupSummary(String id, Integer phase, String madeBy, boolean complete, long files, long bytes,
        long newBytes, String gitRef, boolean selected, Instant createdAt, String message, boolean hasBaseline,
        List<String> folders, List<String> skipped, String gitCommit, String dir,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
        List<String> notCopied) {

    public BackupSummary {
        notCopied = notCopied == null ? List.of() : List.copyOf(notCopied);
    }
}
