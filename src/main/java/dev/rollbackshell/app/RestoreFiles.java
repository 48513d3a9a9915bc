package dev.rollbackshell.app;

import dev.rollbackshell.plan.Plan;
import dev.rollbackshell.process.Processes;
import dev.rollbackshell.restore.RestoreAllRequest;
import dev.rollbackshell.restore.RestorePlan;
import dev.rollbackshell.restore.RestoreReport;
import dev.rollbackshell.restore.RestoreRequest;
import dev.rollbackshell.restore.Restorer;
import dev.rollbackshell.restore.SourceRef;
import dev.rollbackshell.restore.UndoWords;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code restore file} and {@code restore all}: paths (or every protected folder) from the
 * selected backup, another one or git, as one journal entry under the project lock, recorded
 * in the timeline. A dry run takes no lock and records nothing.
 */
public final class RestoreFiles {

    /**
     * What to restore from, and how.
     *
     * @param from  backup id or "latest" (null: the selected backup)
     * @param git   git ref (null: from a backup)
     * @param force restore a backup copy even when it does not match the manifest
     */
    public record Options(String from, String git, boolean dryRun, boolean force, boolean checksum) {
    }

    private final Context cx;

    public RestoreFiles(Context cx) {
        this.cx = cx;
    }

    /** {@code restore file}: {@code paths}; {@code exact}: folders also lose what the source does not have. */
    public RestoreReport files(List<String> paths, boolean exact, Options o) {
        RestoreRequest req = new RestoreRequest(paths, source(o), exact, o.dryRun(), o.force(), o.checksum());
        if (o.dryRun()) {
            return cx.restorer().restoreFiles(req);
        }
        RestoreReport report;
        try (var lock = cx.lock("restore file")) {
            Restorer restorer = cx.restorer();
            warnIfInterrupted(restorer);
            report = restorer.restoreFiles(req);
        }
        record(report);
        return report;
    }

    /**
     * {@code restore all}: every protected folder (or {@code only} one folder inside them)
     * exactly like the source, then clean. Under the lock, {@code confirm} is shown the plan
     * before anything is written (when it changes anything) and refuses by throwing.
     */
    public RestoreReport all(String only, Options o, Consumer<RestorePlan> confirm) {
        Restorer restorer = cx.restorer();
        Plan p = cx.plan().plan();
        RestoreAllRequest req = new RestoreAllRequest(source(o), only, p.foldersOrDefault(), p.cleanOrDefault(), o.dryRun(),
                o.force(), o.checksum());
        if (o.dryRun()) {
            return restorer.restoreAll(req);
        }
        RestoreReport report;
        try (var lock = cx.lock("restore all"); RestorePlan plan = restorer.planAll(req)) {
            warnIfInterrupted(restorer);
            if (!plan.changesNothing()) {
                confirm.accept(plan);
                warnAboutRunningProcesses(p.processPatternOrDefault());
            }
            report = restorer.apply(plan);
        }
        record(report);
        return report;
    }

    private SourceRef source(Options o) {
        return SourceRef.of(o.from(), o.git(), cx.session().load().selectedBackup());
    }

    /** A restore killed half-way is no reason to refuse the next one, but the user must know. */
    private void warnIfInterrupted(Restorer restorer) {
        restorer.journal().interrupted().ifPresent(e -> cx.warn().accept("journal entry " + e.seq() + " (" + e.summary()
                + ") was interrupted; running the restore again finishes the job, 'undo' "
                + UndoWords.PUTS_BACK_INTERRUPTED));
    }

    private void warnAboutRunningProcesses(String pattern) {
        int n = Processes.find(pattern).size();
        if (n > 0) {
            cx.warn().accept(n + (n == 1 ? " process matches " : " processes match ") + pattern
                    + " and may rewrite files; stop them with 'processes --stop'");
        }
    }

    private void record(RestoreReport r) {
        if (r.journal() != null) {
            RestoreReport.Summary s = r.summary();
            cx.session().recordChange("restore", r.action() + " " + String.join(" ", r.paths()) + " from "
                    + r.source().description() + ": " + s.written() + " written, " + s.removed() + " removed, "
                    + s.unchanged() + " unchanged (journal entry " + r.journal() + ")", 0, s.written() + s.removed());
        }
    }
}
