package dev.rollbackshell.app;

import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.check.Progress;
import dev.rollbackshell.plan.ActivePlan;
import dev.rollbackshell.plan.PlanLoader;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.ProjectLock;
import dev.rollbackshell.restore.Restorer;
import dev.rollbackshell.session.SessionStore;
import java.util.function.Consumer;

/**
 * What every use case works on: the project, its session, its backups, its plan, and where
 * progress lines and warnings go (the shell sends both to stderr). One per project; the
 * shell's {@code Workspace} holds it.
 *
 * @param progress what long work is doing
 * @param warn     warnings: waiting for the project lock, a restore's remarks
 */
public record Context(Project project, SessionStore session, BackupStore backups, PlanLoader plans, Progress progress,
        Consumer<String> warn) {

    /** Over {@code project}, with its session, backups and plan. */
    public static Context of(Project project, Progress progress, Consumer<String> warn) {
        return new Context(project, new SessionStore(project), new BackupStore(project), new PlanLoader(project), progress,
                warn);
    }

    /** The active plan, re-read when its file changed; a malformed plan refuses (exit 2) with its line and column. */
    public ActivePlan plan() {
        return plans.active();
    }

    /**
     * The fingerprint of what the checks read as it is now (the protected folders, the top-level
     * files): equal to a diagnosis's or verification's while that still describes the project.
     */
    public String treeNow() {
        return dev.rollbackshell.check.CheckCache.fingerprint(project.root(), plan().plan()).sha256();
    }

    /** Takes the project lock for work that writes; close it when done. */
    public ProjectLock lock(String purpose) {
        return ProjectLock.acquire(project, purpose, warn);
    }

    /** The restore core over this project. */
    public Restorer restorer() {
        return new Restorer(project, backups, warn);
    }
}
