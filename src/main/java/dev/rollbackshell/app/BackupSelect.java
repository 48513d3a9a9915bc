package dev.rollbackshell.app;

import dev.rollbackshell.backup.Backup;

/** {@code backup select ID}: the backup later commands compare with and restore from, kept in the session and recorded. */
public final class BackupSelect {

    private final Context cx;

    public BackupSelect(Context cx) {
        this.cx = cx;
    }

    /** Selects backup {@code id} (or "latest"); refuses (exit 2) an unknown one. */
    public Backup run(String id) {
        Backup b = cx.backups().resolve(id);
        cx.session().update(s -> s.withSelectedBackup(b.id()));
        cx.session().record("select", "selected backup " + b.id(), 0);
        return b;
    }
}
