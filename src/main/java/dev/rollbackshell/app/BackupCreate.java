package dev.rollbackshell.app;

import dev.rollbackshell.backup.BackupResult;
import dev.rollbackshell.backup.BackupService;
import dev.rollbackshell.backup.BaselineRecorder;
import dev.rollbackshell.project.Failures;
import java.util.List;

/**
 * {@code backup create}: a backup of the protected folders made under the project lock
 * ({@code backup/BackupService}), then selected in the session and recorded, still under
 * the lock. A session that cannot be written leaves the backup made, with a warning.
 */
public final class BackupCreate {

    private final Context cx;

    public BackupCreate(Context cx) {
        this.cx = cx;
    }

    /**
     * Backs up {@code folders}; the parameters are {@link BackupService#create(List, int, String, boolean,
     * BaselineRecorder, boolean)}'s. Refuses (exit 2) a phase below 1 before taking the lock.
     */
    public BackupResult run(List<String> folders, int phase, String message, boolean noGit, BaselineRecorder baseline,
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
                return r.withWarning(w);
            }
            return r;
        }
    }
}
