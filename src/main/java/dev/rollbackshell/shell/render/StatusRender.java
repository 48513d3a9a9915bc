package dev.rollbackshell.shell.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollbackshell.app.Status;
import dev.rollbackshell.backup.StatusReport;
import dev.rollbackshell.diagnose.Diagnosis;
import dev.rollbackshell.journal.JournalPruner;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.project.Printable;
import dev.rollbackshell.report.Currency;
import dev.rollbackshell.verify.Verification;
import java.time.Instant;
import java.util.List;

/** Text for people of {@code status}. */
public final class StatusRender {

    /** Paths shown per kind of change; {@code status --json} has them all. */
    private static final int SHOWN = 15;

    private StatusRender() {
    }

    /** {@code status --json}: the report's fields, the journal, whether the diagnosis and the verification are current. */
    public static String json(Status.View v) {
        ObjectNode doc = Json.MAPPER.valueToTree(v.report());
        doc.set("journal", Json.MAPPER.valueToTree(v.journal()));
        doc.set("diagnosisCurrent", Json.MAPPER.valueToTree(v.diagnosisNow()));
        if (v.verified() != null) {
            ObjectNode ver = doc.putObject("verification");
            ver.put("ok", v.verified().ok());
            ver.put("at", String.valueOf(v.verified().at()));
            ver.set("current", Json.MAPPER.valueToTree(v.verifiedNow()));
        }
        return Json.write(doc);
    }

    /**
     * With whether the latest diagnosis and verification still describe the project
     * (otherwise: "verified ok 2 min ago, before 'undo' changed 3 files; run verify"), the
     * journal's size and how many entries a prune keeps.
     */
    public static String render(Status.View v) {
        StatusReport r = v.report();
        Diagnosis d = v.diagnosis();
        Verification verified = v.verified();
        Currency diagnosisNow = v.diagnosisNow();
        Currency verifiedNow = v.verifiedNow();
        JournalPruner.Usage journal = v.journal();
        int journalKeep = v.journalKeep();
        String backupAge = r.selectedBackup() == null ? "" : v.backup() == null ? "?" : Ages.ago(v.backup().createdAt());
        StringBuilder out = new StringBuilder();
        row(out, "project", r.project());
        row(out, "plan", r.plan());
        row(out, "protected", String.join(", ", r.protectedFolders()));
        if (r.selectedBackup() == null) {
            row(out, "backup", "none");
        } else {
            row(out, "backup", r.selectedBackup() + " (" + (r.selectedExplicitly() ? "selected" : "none selected: the newest")
                    + ", " + ("manual".equals(r.madeBy()) ? "made by hand, " : "") + backupAge + ")");
            var c = r.changed();
            row(out, "changes", c.isEmpty() ? "none since the backup"
                    : c.added().size() + " added, " + c.modified().size() + " modified, " + c.deleted().size()
                            + " deleted since the backup");
            paths(out, "added", c.added());
            paths(out, "modified", c.modified());
            paths(out, "deleted", c.deleted());
            if (!r.notCovered().isEmpty()) {
                row(out, "not compared", String.join(", ", r.notCovered()) + " (the backup holds no copy)");
            }
        }
        row(out, "diagnosis", diagnosisNow.current() ? diagnosis(d)
                : stale(diagnosis(d).replaceFirst(" \\('\\w+' for [^)]*\\)$", ""), d.at(), diagnosisNow, "diagnose"));
        if (verified != null) {
            row(out, "verified", verifiedNow.current() ? verified(verified, d)
                    : stale((verified.ok() ? "ok" : "FAILED") + " (" + verified.summary() + ")", verified.at(), verifiedNow,
                            "verify"));
        }
        if (journal != null && journal.entries() > 0) {
            row(out, "journal", Sizes.count(journal.entries()) + (journal.entries() == 1 ? " entry, " : " entries, ")
                    + Sizes.bytes(journal.bytes()) + (journal.entries() > journalKeep
                            ? " ('journal prune' keeps the newest " + journalKeep + ")" : ""));
        }
        if (r.note() != null) {
            out.append(r.note()).append('\n');
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String label, String value) {
        out.append(String.format("%-12s", label)).append(' ').append(Printable.name(value)).append('\n');
    }

    private static void paths(StringBuilder out, String kind, List<String> paths) {
        for (int i = 0; i < paths.size() && i < SHOWN; i++) {
            out.append("  ").append(String.format("%-9s", kind)).append(' ').append(Printable.name(paths.get(i))).append('\n');
        }
        if (paths.size() > SHOWN) {
            out.append("  ").append(String.format("%-9s", kind)).append(" ... and ").append(paths.size() - SHOWN)
                    .append(" more ('status --json' lists them all)\n");
        }
    }

    /** The latest 'verify', and whether it came after the latest diagnosis (a restore in between, typically). */
    static String verified(Verification v, Diagnosis diagnosis) {
        String when = v.at() == null ? "" : " " + Ages.ago(v.at());
        Instant diagnosed = diagnosis == null ? null : diagnosis.at();
        String after = diagnosed != null && v.at() != null && v.at().isAfter(diagnosed) ? ", after the diagnosis" : "";
        return (v.ok() ? "ok" : "FAILED") + " (" + v.summary() + ")" + when + after;
    }

    /** "ok (5 passed, ...) 2 min ago, before 'undo' changed 3 files; run verify". */
    static String stale(String result, Instant at, Currency now, String rerun) {
        return result + (at == null ? "" : " " + Ages.ago(at)) + ", before " + now.change() + "; run " + rerun;
    }

    static String diagnosis(Diagnosis d) {
        if (d == null) {
            return "none yet (run 'diagnose')";
        }
        if (d.healthy()) {
            return "healthy" + (d.backup() != null ? " (against " + d.backup() + ")" : "");
        }
        List<String> fired = d.fired().stream().map(Diagnosis.Trigger::id).toList();
        return fired.isEmpty() ? "not healthy ('diagnose' for details)"
                : "NOT healthy: " + String.join(", ", fired) + " ('suggest' for what to do)";
    }
}
