package dev.rollbackshell.app;

import dev.rollbackshell.project.RollbackException;
import dev.rollbackshell.remote.RemoteBackups;
import java.util.List;

/**
 * {@code backup push}, {@code backup fetch}: backups through a git remote, under the project
 * lock, recorded; {@code backup list --remote}: what a remote holds, nothing fetched.
 */
public final class BackupRemote {

    private final Context cx;

    public BackupRemote(Context cx) {
        this.cx = cx;
    }

    /**
     * Pushes backups {@code ids} (none: the selected one; {@code all}: every complete one) to
     * {@code remote} (null: origin); refuses (exit 2) ids and {@code all} together.
     */
    public RemoteBackups.PushReport push(String remote, List<String> ids, boolean all) {
        if (all && !ids.isEmpty()) {
            throw RollbackException.badInput("give backup ids or --all, not both");
        }
        RemoteBackups.PushReport r;
        try (var lock = cx.lock("backup push")) {
            r = remotes().push(remote, ids, all, cx.session().load().selectedBackup());
        }
        cx.session().record("backup-push", "pushed " + String.join(", ", r.backups().stream()
                .map(RemoteBackups.PushedBackup::id).toList()) + " to " + r.remote(), 0);
        return r;
    }

    /** Fetches every backup {@code remote} (null: origin) holds and this project lacks; recorded with exit status 1 when not ok. */
    public RemoteBackups.FetchReport fetch(String remote) {
        RemoteBackups.FetchReport r;
        try (var lock = cx.lock("backup fetch")) {
            r = remotes().fetch(remote);
        }
        cx.session().record("backup-fetch", "fetched " + r.fetched().size() + " backups from " + r.remote()
                + (r.ok() ? "" : ", refused " + r.refused().size()), r.ok() ? 0 : 1);
        return r;
    }

    /** What {@code remote} (null or blank: origin) holds; reads only. */
    public RemoteBackups.RemoteListing list(String remote) {
        return remotes().list(remote == null || remote.isBlank() ? null : remote);
    }

    private RemoteBackups remotes() {
        return new RemoteBackups(cx.project(), cx.backups(), cx.progress()::say);
    }
}
