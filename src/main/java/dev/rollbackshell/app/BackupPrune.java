package dev.rollbackshell.app;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.backup.BackupPruner;
import dev.rollbackshell.remote.RemoteState;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * {@code backup prune}: old backups deleted under the project lock, keeping the newest N, the
 * selected one, the newest complete one and (once backups go to remotes) any never pushed;
 * recorded.
 */
public final class BackupPrune {

    /**
     * What a prune planned and did.
     *
     * @param deleted the backups deleted; null when nothing was (a dry run, nothing to delete)
     */
    public record Pruned(BackupPruner.Plan plan, List<String> deleted) {
    }

    private final Context cx;

    public BackupPrune(Context cx) {
        this.cx = cx;
    }

    /**
     * Deletes all but the newest {@code keep} backups and those that must stay; {@code force}
     * (the shell's {@code --yes}) also deletes one never pushed, with a warning. Unless
     * {@code dryRun} or there is nothing to delete, {@code confirm} is shown the plan under the
     * lock and refuses by throwing.
     */
    public Pruned run(int keep, boolean dryRun, boolean force, Consumer<BackupPruner.Plan> confirm) {
        BackupPruner pruner = new BackupPruner(cx.backups());
        try (var lock = cx.lock("backup prune")) {
            RemoteState remotes = RemoteState.load(cx.project());
            Map<String, String> onlyCopies = new TreeMap<>();
            if (remotes.everPushed()) { // once backups go to remotes, one that never went is the only copy
                for (Backup b : cx.backups().list()) {
                    if (!remotes.onARemote(b.id())) {
                        onlyCopies.put(b.id(), "the only copy: never pushed ('backup push " + b.id()
                                + "'; --yes deletes it anyway)");
                    }
                }
            }
            BackupPruner.Plan plan = pruner.plan(keep, cx.session().load().selectedBackup(), force ? Map.of() : onlyCopies);
            if (force) {
                List<String> unpushed = plan.delete().stream().map(Backup::id).filter(onlyCopies::containsKey).toList();
                if (!unpushed.isEmpty()) {
                    cx.warn().accept("--yes: deleting " + String.join(", ", unpushed) + ", never pushed to any remote;"
                            + " this machine had the only copy");
                }
            }
            if (plan.delete().isEmpty() || dryRun) {
                return new Pruned(plan, null);
            }
            confirm.accept(plan);
            List<String> deleted = pruner.execute(plan);
            cx.session().record("backup-prune", "deleted backups " + String.join(", ", deleted), 0);
            return new Pruned(plan, deleted);
        }
    }
}
