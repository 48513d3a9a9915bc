package dev.rollbackshell.app;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.verify.Verification;
import dev.rollbackshell.verify.Verifier;

/**
 * {@code verify}, and the verification after {@code restore suggestion} and {@code restore
 * scenario}: the runbook's five validation steps against the selected backup (or the
 * latest; none when there are no backups), under the project lock; the result is kept
 * ({@code .rollback/verify.json}, what {@code report} and {@code status} read) and recorded
 * in the timeline with the tree it describes.
 */
public final class Verify {

    private final Context cx;

    public Verify(Context cx) {
        this.cx = cx;
    }

    /** {@code fresh}: every check runs again, even when the cache holds results for this tree. */
    public Verification run(boolean fresh) {
        var plan = cx.plan(); // a malformed plan is refused before anything else
        try (var lock = cx.lock("verify")) {
            Backup backup = cx.backups().list().isEmpty() ? null
                    : cx.backups().selectedOrLatest(cx.session().load().selectedBackup());
            Verification v = new Verifier(cx.project(), plan, cx.backups(), cx.progress()).verify(backup, fresh);
            Verifier.store(cx.project(), v);
            cx.session().recordChecked("verify", (v.ok() ? "ok: " : "FAILED: ") + v.summary()
                    + (v.cached() ? " (checks from the cache)" : ""), v.ok() ? 0 : 1, v.tree());
            return v;
        }
    }
}
