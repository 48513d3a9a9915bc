package dev.rollbackshell.restore;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One restore to perform, as data for the restore machinery: these project-relative
 * {@code paths} (files or folders) from backup {@code backupId} or from git ref
 * {@code gitRef} (exactly one is set). {@code exact}: also remove files under the paths
 * that the source does not have (the runbook's {@code rm -rf} then {@code cp -r});
 * otherwise files added since are kept.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RestoreAction(List<String> paths, String backupId, String gitRef, boolean exact) {

    public RestoreAction {
        paths = List.copyOf(paths);
        if ((backupId == null) == (gitRef == null)) {
            throw new IllegalArgumentException("a restore action comes from a backup or from a git ref");
        }
    }

    public static RestoreAction fromBackup(List<String> paths, String backupId, boolean exact) {
        return new RestoreAction(paths, backupId, null, exact);
    }

    public static RestoreAction fromGit(List<String> paths, String ref, boolean exact) {
        return new RestoreAction(paths, null, ref, exact);
    }

    /** "backup 20260101_120000" or "git HEAD~1". */
    public String source() {
        return backupId != null ? "backup " + backupId : "git " + gitRef;
    }
}
