package dev.rollbackshell.app;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.backup.StatusReport;
import dev.rollbackshell.diagnose.Diagnosis;
import dev.rollbackshell.journal.Journal;
import dev.rollbackshell.journal.JournalPruner;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.report.Currency;
import dev.rollbackshell.session.SessionState;
import dev.rollbackshell.verify.Verification;
import dev.rollbackshell.verify.Verifier;

/**
 * {@code status}: the project against the selected backup, the latest diagnosis and
 * verification and whether they still describe the project, the journal's size; reads only.
 */
public final class Status {

    /**
     * @param report       the project against the selected (or newest) backup; its {@code diagnosis} the session's, as JSON
     * @param backup       the backup compared with, when it exists (for its age)
     * @param diagnosis    the session's latest diagnosis, or null
     * @param verified     the latest 'verify', or null
     * @param diagnosisNow whether the diagnosis still describes the project
     * @param verifiedNow  whether the verification still does
     * @param journalKeep  the newest entries 'journal prune' keeps
     */
    public record View(StatusReport report, Backup backup, Diagnosis diagnosis, Verification verified,
            Currency diagnosisNow, Currency verifiedNow, JournalPruner.Usage journal, int journalKeep) {
    }

    private final Context cx;

    public Status(Context cx) {
        this.cx = cx;
    }

    public View run() {
        SessionState session = cx.session().load();
        Diagnosis d = session.diagnosis();
        var plan = cx.plan();
        StatusReport r = StatusReport.of(cx.project(), cx.backups(), plan.source(), session.selectedBackup(),
                plan.plan().foldersOrDefault(), Json.MAPPER.valueToTree(d));
        Verification verified = Verifier.latest(cx.project()).orElse(null);
        String tree = cx.treeNow();
        Currency diagnosisNow = d == null ? Currency.CURRENT : Currency.of(d.tree(), d.at(), tree, session.events());
        Currency verifiedNow = verified == null ? Currency.CURRENT
                : Currency.of(verified.tree(), verified.at(), tree, session.events());
        JournalPruner.Usage journal = new JournalPruner(new Journal(cx.project(), s -> { }), s -> { }).usage();
        Backup backup = r.selectedBackup() == null ? null : cx.backups().find(r.selectedBackup()).orElse(null);
        return new View(r, backup, d, verified, diagnosisNow, verifiedNow, journal, plan.plan().journalKeepOrDefault());
    }
}
