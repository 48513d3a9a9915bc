package dev.rollbackshell.backup;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A backup folder {@code redundancy_reduction_backups/<id>/} as found on disk.
 *
 * @param id        {@code YYYYMMDD_HHMMSS}, with {@code _2}, {@code _3}... when several were made in one second
 * @param madeBy    {@code tool} (has a manifest) or {@code manual} (made with the runbook's {@code cp -r})
 * @param folders   project folder names it holds a copy of ({@code src} for {@code src_backup/})
 * @param complete  false when the manifest is missing or unreadable for a tool backup
 */
public record Backup(String id, Path dir, String madeBy, Integer phase, Instant createdAt, String message,
        List<String> folders, String gitRef, boolean hasBaseline, boolean complete) {

    public static final String TOOL = "tool";
    public static final String MANUAL = "manual";

    public boolean manual() {
        return MANUAL.equals(madeBy);
    }

    /** Where the copy of a project-relative path lives inside this backup, or null if no folder covers it. */
    public Path copyOf(String projectPath) {
        int slash = projectPath.indexOf('/');
        String top = slash < 0 ? projectPath : projectPath.substring(0, slash);
        if (!folders.contains(top)) {
            return null;
        }
        Path folder = dir.resolve(top + BackupLayout.SUFFIX);
        return slash < 0 ? folder : folder.resolve(projectPath.substring(slash + 1));
    }

    public Path manifestFile() {
        return dir.resolve(BackupLayout.MANIFEST);
    }

    public Path baselineFile() {
        return dir.resolve(BackupLayout.BASELINE);
    }
}
