package dev.rollbackshell.app;

import dev.rollbackshell.backup.BackupResult;
import dev.rollbackshell.backup.BackupService;
import dev.rollbackshell.backup.BaselineRecorder;
import dev.rollbackshell.git.GitExclude;
import dev.rollbackshell.project.Failures;
import java.util.List;

/**
 * {@code backup create}: a backup of the protected folders made under the project lock
 * ({@code backup/BackupService}), then selected in the session and recorded, and the tool's
 * folders kept out of {@code git status}, still under the lock. A session that cannot be
 * written leaves the backup made, with a warning.
 */
public final class BackupCreate {

    /**
     * @param result   the backup made
     * @param excluded what was added to the repository's info/exclude, or why it could not be
     */
    public record Made(BackupResult result, GitExclude.Result excluded) {
    }

    private final Context cx;

    public BackupCreate(Context cx) {
        this.cx = cx;
    }

    /**
     * Backs up {@code folders}; the parameters are {@link BackupService#create(List, int, String, boolean,
     * BaselineRecorder, boolean)}'s. Refuses (exit 2) a phase below 1 before taking the lock.
     */
    public Made run(List<String> folders, int phase, String message, boolean noGit, BaselineRecorder baseline,
            boolean checksum) {
        BackupService.requirePhase(phase);
        try (var lock = cx.lock("backup create")) {
            BackupResult r = new BackupService(cx.project(), cx.backups(), cx.warn())
                    .create(folders, phase, message, noGit, baseline, checksum);
            String id = r.backup().id();
            try {
                cx.session().update(s -> s.withSelectedBackup(id));
                cx.session().record("backup", "backup " + id + " made (phase " + phase + ", " + r.manifest().files()
                        + " files" + (r.git().made() ? ", branch " + r.git().branch() : "") + ")", 0);
            } catch (RuntimeException e) {
                String w = "the backup is made but could not be selected in the session: " + Failures.describe(e);
                cx.warn().accept(w);
                r = r.withWarning(w);
            }
            return new Made(r, GitExclude.toolFolders(cx.project()));
        }
    }
}
