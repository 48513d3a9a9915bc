package dev.rollbackshell.app;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.backup.BackupVerifier;
import dev.rollbackshell.project.RollbackException;
import java.util.List;
import java.util.Random;

/** {@code backup verify}: backups re-hashed against their manifests, the result recorded (exit status 1 when not ok). */
public final class BackupVerify {

    private final Context cx;

    public BackupVerify(Context cx) {
        this.cx = cx;
    }

    /**
     * Verifies backup {@code id} (null: the selected one, else the newest), or {@code all} of
     * them; {@code sample}: read only that percentage of the files. Refuses (exit 2) when there is no backup.
     */
    public BackupVerifier.Report run(String id, boolean all, Double sample) {
        List<Backup> targets = all ? cx.backups().list()
                : List.of(id == null ? cx.backups().selectedOrLatest(cx.session().load().selectedBackup())
                        : cx.backups().resolve(id));
        if (targets.isEmpty()) {
            throw RollbackException.badInput("no backups to verify; make one with 'backup create'");
        }
        BackupVerifier verifier = new BackupVerifier(cx.backups());
        if (sample != null) {
            verifier.sample(sample, new Random());
        }
        BackupVerifier.Report report = verifier.verify(targets);
        cx.session().record("backup-verify", "verified " + String.join(", ", report.backups())
                + (report.read() == null ? "" : " (sampled " + report.read().size() + " files)") + ": "
                + (report.ok() ? "ok" : report.problems().size() + " problems"), report.ok() ? 0 : 1);
        return report;
    }
}
