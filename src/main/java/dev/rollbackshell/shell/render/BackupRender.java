package dev.rollbackshell.shell.render;

import dev.rollbackshell.app.BackupOverview;
import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.backup.BackupLayout;
import dev.rollbackshell.backup.BackupPruner;
import dev.rollbackshell.backup.BackupResult;
import dev.rollbackshell.backup.BackupSummary;
import dev.rollbackshell.backup.BackupVerifier;
import dev.rollbackshell.git.SafetyBranch;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.remote.RemoteState;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Text for people of {@code backup create|list|show|verify|prune}. */
public final class BackupRender {

    private BackupRender() {
    }

    /** {@code backup create --json}: the new backup as {@code backup list} shows it, and how it was made. */
    public record CreatedJson(BackupSummary backup, int copied, int linked, String linkedTo, List<String> skipped,
            SafetyBranch.Result git, String baseline, List<String> warnings, long tookMillis) {

        public static CreatedJson of(BackupResult r, BackupSummary summary) {
            return new CreatedJson(summary, r.copied(), r.linked(), r.linkedTo(), r.skipped(), r.git(), r.baseline(),
                    r.warnings(), r.took().toMillis());
        }
    }

    /** The label beside a backup id in tab completion: "phase 2, tool, 3 min ago". */
    public static String choiceLabel(Backup b) {
        return (b.phase() == null ? "" : "phase " + b.phase() + ", ") + (b.manual() ? "made by hand, " : "")
                + (b.complete() ? "" : "DAMAGED, ") + Ages.ago(b.createdAt());
    }

    public static String created(BackupResult r) {
        Backup b = r.backup();
        StringBuilder out = new StringBuilder();
        out.append("backup ").append(b.id()).append(" made (phase ").append(b.phase()).append(") and selected\n");
        Table t = Table.of("", "").indent("  ");
        t.row("copied", String.join(", ", r.manifest().folders()) + " -> " + Project.BACKUP_ROOT + "/" + b.id() + "/");
        for (String s : r.skipped()) {
            t.row("skipped", s);
        }
        String how = r.linkedTo() == null ? Sizes.count(r.copied()) + " copied (no earlier backup by the tool to link to)"
                : Sizes.count(r.copied()) + " copied, " + Sizes.count(r.linked()) + " unchanged (hard-linked to "
                        + r.linkedTo() + ")";
        t.row("files", Sizes.count(r.manifest().files()) + ": " + how);
        t.row("size", Sizes.bytes(r.manifest().bytes()) + ", of which new on disk: "
                + Sizes.bytes(r.manifest().newBytes()));
        t.row("git", r.git().made() ? "branch " + r.git().branch() + " -> " + r.git().commit().substring(0, 10)
                + (r.git().previousTip() == null ? "" : " (moved forward; its old tip stays a parent)")
                : "no safety branch: " + r.git().whyNot());
        t.row("baseline", r.baseline());
        if (!r.warnings().isEmpty()) {
            t.row("warnings", r.warnings().size() + " (printed above)");
        }
        t.row("took", String.format(Locale.ROOT, "%.1f s", r.took().toMillis() / 1000.0));
        return out.append(body(t)).toString();
    }

    /** The list, each backup's MADE BY followed by where it came from ("fetched from origin"), if it did. */
    public static String list(List<BackupOverview.Row> rows, List<SafetyBranch.BranchInfo> branches, Instant now) {
        StringBuilder out = new StringBuilder();
        if (rows.isEmpty()) {
            out.append("no backups yet in ").append(Project.BACKUP_ROOT).append("/; make one with 'backup create'\n");
        } else {
            Table t = Table.of("", "ID", "PHASE", "MADE BY", "AGE", ">FILES", ">SIZE", ">NEW", "BASELINE",
                    "GIT BRANCH");
            for (BackupOverview.Row row : rows) {
                BackupSummary s = row.summary();
                t.row(s.selected() ? "*" : "", s.id(), s.phase() == null ? "-" : s.phase(),
                        RemoteRender.madeBy(s.complete() ? s.madeBy() : s.madeBy() + " DAMAGED", row.fetchedFrom()),
                        Ages.ago(s.createdAt(), now),
                        Sizes.count(s.files()), Sizes.bytes(s.bytes()), Sizes.bytes(s.newBytes()),
                        !s.hasBaseline() ? "-" : row.unhealthy() ? "unhealthy" : "yes",
                        s.gitRef() == null ? "-" : s.gitRef());
            }
            out.append(t.render());
            boolean anySelected = rows.stream().anyMatch(r -> r.summary().selected());
            out.append(anySelected ? "* selected.  " : "no backup selected ('backup select ID').  ")
                    .append("NEW: bytes the backup really added; the rest is shared with earlier backups.\n");
            if (rows.stream().anyMatch(BackupOverview.Row::unhealthy)) {
                out.append("baseline: unhealthy: the checks failed when the backup was made; diagnose cannot tell regressions"
                        + " against it ('backup show ID' says why).\n");
            }
            if (rows.stream().anyMatch(r -> !r.summary().complete())) {
                out.append("DAMAGED: its manifest is missing or unreadable; run 'backup verify ID' before using it.\n");
            }
        }
        if (!branches.isEmpty()) {
            out.append("\ngit safety branches:\n");
            Table t = Table.of("BRANCH", "COMMIT", "AGE", "SUBJECT").indent("  ");
            for (SafetyBranch.BranchInfo b : branches) {
                t.row(b.name(), b.commit().substring(0, 10), Ages.ago(b.time(), now), b.subject());
            }
            out.append(t.render());
        }
        return out.toString();
    }

    /** One backup's details; for a fetched one, where it came from. */
    public static String show(BackupOverview.Row row) {
        BackupSummary s = row.summary();
        List<String> unhealthy = row.baselineUnhealthy();
        Table t = Table.of("", "");
        t.row("backup", s.id() + (s.selected() ? " (selected)" : ""));
        t.row("made by", s.madeBy().equals(Backup.MANUAL)
                ? "hand (the runbook's cp -r); no manifest: hashed on first use by verify, status, diff and restore"
                : "rollback-shell");
        t.row("state", s.complete() ? "complete" : "DAMAGED: the manifest is missing or unreadable");
        t.row("created", Ages.stamp(s.createdAt()) + " (" + Ages.ago(s.createdAt()) + ")");
        t.row("phase", s.phase() == null ? "-" : s.phase());
        if (s.message() != null) {
            t.row("message", s.message());
        }
        t.row("folders", String.join(", ", s.folders()));
        if (!s.skipped().isEmpty()) {
            t.row("skipped", String.join(", ", s.skipped()) + " (did not exist)");
        }
        t.row("files", Sizes.count(s.files()));
        for (int i = 0; i < s.notCopied().size(); i++) {
            t.row(i == 0 ? "not copied" : "", Text.printable(s.notCopied().get(i)));
        }
        t.row("size", Sizes.bytes(s.bytes()) + ", new on disk: " + Sizes.bytes(s.newBytes()));
        t.row("baseline", !s.hasBaseline() ? "none" : unhealthy.isEmpty() ? "yes (" + BackupLayout.BASELINE + ")"
                : "unhealthy: " + String.join("; ", unhealthy) + " (diagnose cannot tell regressions against it)");
        t.row("git branch", s.gitRef() == null ? "-" : s.gitRef() + " (" + s.gitCommit() + ")");
        t.row("location", s.dir());
        RemoteState.Fetched from = row.fetched();
        if (from != null) {
            t.row("origin", "fetched from " + from.remote() + (from.remote().equals(from.url()) ? "" : " (" + from.url() + ")")
                    + ", commit " + from.commit().substring(0, 10));
        }
        return body(t);
    }

    public static String verify(BackupVerifier.Report r) {
        StringBuilder out = new StringBuilder();
        for (String id : r.hashedNow()) {
            out.append("backup ").append(id).append(" is manual (made by hand): hashed now, on first use;")
                    .append(" later verifies compare with these hashes\n");
        }
        String which = r.backups().size() == 1 ? "backup " + r.backups().get(0) : r.backups().size() + " backups";
        if (r.read() != null) {
            out.append("sampled ").append(Sizes.plural(r.read().size(), "file", "files")).append(" (")
                    .append(java.math.BigDecimal.valueOf(r.samplePercent()).stripTrailingZeros().toPlainString()).append('%')
                    .append(" of those with content; the others looked for by name only), read:\n");
            for (String f : r.read()) {
                out.append("  ").append(f).append('\n');
            }
        }
        if (r.ok()) {
            return out.append(which).append(": ").append(Sizes.plural(r.checked(), "entry", "entries"))
                    .append(" checked, all match the manifest\n").toString();
        }
        out.append(which).append(": ").append(Sizes.plural(r.problems().size(), "problem", "problems")).append(" in ")
                .append(Sizes.plural(r.checked(), "entry", "entries")).append(" checked\n");
        Table t = Table.of("BACKUP", "PATH", "PROBLEM", "DETAIL").indent("  ");
        for (BackupVerifier.Problem p : r.problems()) {
            t.row(p.backup(), p.path(), p.problem(), p.detail());
        }
        return out.append(t.render())
                .append("a damaged backup cannot be trusted for restores: use another one ('backup list'),")
                .append(" or make a fresh one with 'backup create' while the project is still good\n").toString();
    }

    public static String prunePlan(BackupPruner.Plan p, boolean dryRun) {
        StringBuilder out = new StringBuilder();
        out.append(dryRun ? "would delete " : "deleting ").append(Sizes.plural(p.delete().size(), "backup", "backups"))
                .append(", freeing ").append(Sizes.bytes(p.freedBytes()));
        long shared = p.totalBytes() - p.freedBytes();
        if (shared > 0) {
            out.append(" (").append(Sizes.bytes(shared)).append(" of their files stay: hard links shared with kept backups)");
        }
        out.append(":\n");
        for (Backup b : p.delete()) {
            out.append("  ").append(b.id()).append("  ").append(choiceLabel(b)).append('\n');
        }
        out.append("keeping:\n");
        for (Map.Entry<String, String> k : p.keep().entrySet()) {
            out.append("  ").append(k.getKey()).append("  ").append(k.getValue()).append('\n');
        }
        return out.toString();
    }

    /** "backup 20250101_120000" or "2 backups (20250101_120000, 20250102_090000)". */
    public static String ids(List<Backup> backups) {
        List<String> ids = backups.stream().map(Backup::id).toList();
        return ids.size() == 1 ? "backup " + ids.get(0) : ids.size() + " backups (" + String.join(", ", ids) + ")";
    }

    public static String pruned(BackupPruner.Plan p, List<String> deleted) {
        return "deleted " + Sizes.plural(deleted.size(), "backup", "backups") + " (" + String.join(", ", deleted)
                + "), freed " + Sizes.bytes(p.freedBytes()) + "; kept " + String.join(", ", p.keep().keySet()) + "\n";
    }

    private static String body(Table t) {
        // a two-column table without a header line
        String text = t.render();
        return text.substring(text.indexOf('\n') + 1);
    }
}
