package dev.rollbackshell.shell.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollbackshell.backup.StatusReport;
import dev.rollbackshell.journal.JournalPruner;
import dev.rollbackshell.project.Printable;
import dev.rollbackshell.report.Currency;
import dev.rollbackshell.verify.Verification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Text for people of {@code status}. */
public final class StatusRender {

    /** Paths shown per kind of change; {@code status --json} has them all. */
    private static final int SHOWN = 15;

    private StatusRender() {
    }

    public static String render(StatusReport r, String backupAge, Verification verified) {
        return render(r, backupAge, verified, Currency.CURRENT, Currency.CURRENT);
    }

    /**
     * With whether the latest diagnosis and verification still describe the project
     * (otherwise: "verified ok 2 min ago, before 'undo' changed 3 files; run verify").
     */
    public static String render(StatusReport r, String backupAge, Verification verified, Currency diagnosisNow,
            Currency verifiedNow) {
        return render(r, backupAge, verified, diagnosisNow, verifiedNow, null, 0);
    }

    /** With the journal's size ({@code journal}: null leaves the row out) and how many entries a prune keeps. */
    public static String render(StatusReport r, String backupAge, Verification verified, Currency diagnosisNow,
            Currency verifiedNow, JournalPruner.Usage journal, int journalKeep) {
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
        row(out, "diagnosis", diagnosisNow.current() ? diagnosis(r.diagnosis())
                : stale(diagnosis(r.diagnosis()).replaceFirst(" \\('\\w+' for [^)]*\\)$", ""),
                diagnosedAt(r.diagnosis()), diagnosisNow, "diagnose"));
        if (verified != null) {
            row(out, "verified", verifiedNow.current() ? verified(verified, r.diagnosis())
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
    static String verified(Verification v, JsonNode diagnosis) {
        String when = v.at() == null ? "" : " " + Ages.ago(v.at());
        Instant diagnosed = diagnosis == null || !diagnosis.hasNonNull("at") ? null
                : Instant.parse(diagnosis.get("at").asText());
        String after = diagnosed != null && v.at() != null && v.at().isAfter(diagnosed) ? ", after the diagnosis" : "";
        return (v.ok() ? "ok" : "FAILED") + " (" + v.summary() + ")" + when + after;
    }

    /** "ok (5 passed, ...) 2 min ago, before 'undo' changed 3 files; run verify". */
    static String stale(String result, Instant at, Currency now, String rerun) {
        return result + (at == null ? "" : " " + Ages.ago(at)) + ", before " + now.change() + "; run " + rerun;
    }

    private static Instant diagnosedAt(JsonNode d) {
        return d == null || !d.hasNonNull("at") ? null : Instant.parse(d.get("at").asText());
    }

    static String diagnosis(JsonNode d) {
        if (d == null || d.isNull() || d.isMissingNode()) {
            return "none yet (run 'diagnose')";
        }
        if (d.path("healthy").asBoolean(false)) {
            return "healthy" + (d.hasNonNull("backup") ? " (against " + d.get("backup").asText() + ")" : "");
        }
        List<String> fired = new ArrayList<>();
        for (JsonNode t : d.path("triggers")) {
            if (t.path("fired").asBoolean(false)) {
                fired.add(t.path("id").asText());
            }
        }
        return fired.isEmpty() ? "not healthy ('diagnose' for details)"
                : "NOT healthy: " + String.join(", ", fired) + " ('suggest' for what to do)";
    }
}
