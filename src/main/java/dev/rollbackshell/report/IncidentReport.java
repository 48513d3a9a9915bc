package dev.rollbackshell.report;

import dev.rollbackshell.backup.Changes;
import dev.rollbackshell.diagnose.Diagnosis;
import dev.rollbackshell.diagnose.Suggestion;
import dev.rollbackshell.diagnose.Suggestions;
import dev.rollbackshell.project.Printable;
import dev.rollbackshell.session.SessionState;
import dev.rollbackshell.verify.Verification;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * {@code report}: the incident report the runbook asks for ("document any issues
 * encountered"), in Markdown: the session's timeline (backups, diagnoses, restores, undo,
 * verification), the latest diagnosis with its evidence, the changes since the backup,
 * the suggestions, the latest verification.
 */
public final class IncidentReport {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final int MAX_PATHS = 50;

    /** What the report is made of. */
    public record Input(String project, String plan, SessionState session, Optional<Verification> verification, Instant now,
            String treeNow) {

        /** Without the tree's fingerprint now: every result is taken as describing the project as it is. */
        public Input(String project, String plan, SessionState session, Optional<Verification> verification, Instant now) {
            this(project, plan, session, verification, now, null);
        }
    }

    private IncidentReport() {
    }

    public static String markdown(Input in) {
        StringBuilder md = new StringBuilder();
        SessionState s = in.session();
        Diagnosis d = s.diagnosis();
        Suggestions sug = s.suggestions();
        Verification v = in.verification().orElse(null);

        md.append("# Incident report: ").append(in.project()).append("\n\n");
        md.append("- Generated: ").append(TIME.format(in.now())).append(" by rollback-shell\n");
        md.append("- Plan: ").append(in.plan()).append('\n');
        md.append("- Selected backup: ").append(s.selectedBackup() == null ? "none (the latest is used)" : s.selectedBackup()).append('\n');
        md.append("- State now: ").append(stateLine(d, v, in.treeNow(), s.events())).append("\n\n");

        md.append("## Timeline\n\n");
        if (s.events().isEmpty()) {
            md.append("No events recorded in this session.\n\n");
        } else {
            md.append("| time | event | what happened | status |\n|---|---|---|---|\n");
            for (SessionState.Event e : s.events()) {
                md.append("| ").append(TIME.format(e.at())).append(" | ").append(cell(e.kind())).append(" | ")
                        .append(cell(e.summary())).append(" | ").append(status(e.exitStatus())).append(" |\n");
            }
            md.append('\n');
        }

        md.append("## Diagnosis\n\n");
        if (d == null) {
            md.append("No diagnosis in this session (run `diagnose`).\n\n");
        } else {
            md.append("Diagnosed ").append(d.at() == null ? "" : TIME.format(d.at()) + " ").append("against backup ")
                    .append(d.backup()).append(" (baseline: ").append(d.baseline()).append("): **")
                    .append(d.healthy() ? "healthy" : d.fired().size() + " rollback trigger(s) fired").append("**.\n\n");
            md.append("### Rollback triggers\n\n");
            for (Diagnosis.Trigger t : d.triggers()) {
                md.append("- [").append(t.fired() ? "x" : " ").append("] `").append(t.id()).append("`")
                        .append(t.fired() ? " **fired**" : "").append('\n');
                for (String e : t.evidence()) {
                    md.append("  - ").append(inline(e)).append('\n');
                }
            }
            md.append('\n');
            if (!d.scenarios().isEmpty()) {
                md.append("### Matching runbook scenarios\n\n");
                for (Diagnosis.ScenarioMatch m : d.scenarios()) {
                    md.append("- **").append(m.id()).append("** ").append(m.title()).append(": ").append(inline(m.why())).append('\n');
                }
                md.append('\n');
            }
            if (!d.implicated().isEmpty() || !d.related().isEmpty()) {
                md.append("### Files the failures point at\n\n");
                for (String p : d.implicated()) {
                    String how = d.implicatedBy() == null ? null : d.implicatedBy().get(p);
                    md.append("- `").append(Printable.name(p)).append('`').append(how == null ? "" : ": " + inline(how)).append('\n');
                }
                for (String p : d.related()) {
                    md.append("- `").append(Printable.name(p)).append("`: changed, and imported by a failing test\n");
                }
                md.append('\n');
            }
            md.append("### Changes since backup ").append(d.backup()).append("\n\n");
            changes(md, d.changed());
        }

        if (sug != null && !sug.suggestions().isEmpty()) {
            md.append("## Suggested rollback actions\n\n");
            for (Suggestion x : sug.suggestions()) {
                md.append(x.rank()).append(". **").append(x.kind()).append("** from ").append(x.from()).append(": ")
                        .append(paths(x.paths())).append(". ").append(inline(x.reason())).append(". Overwrites: ")
                        .append(x.overwrites().isEmpty() ? "nothing" : paths(x.overwrites())).append(". Proof: ")
                        .append(inline(x.proof().text())).append(".\n");
            }
            md.append('\n');
        }
        if (sug != null && sug.knownGood() != null) {
            Suggestions.KnownGood kg = sug.knownGood();
            md.append("## Last known good state\n\n").append(kg.found() ? inline(kg.label()) : "None found")
                    .append(String.format(java.util.Locale.ROOT, " (%d states tried in scratch copies, %.1f s).\n\n", kg.tried(),
                            kg.seconds()));
        }
        if (sug != null && sug.escalate() != null) {
            md.append("## Escalate\n\n").append(inline(sug.escalate().reason())).append(".\n\n")
                    .append("Tried, each in a scratch copy of the project:\n\n");
            for (String t : sug.escalate().tried()) {
                md.append("- ").append(inline(t)).append('\n');
            }
            md.append("\nThe runbook's \"When to Escalate\": complete system failure after rollback attempts, data corruption that"
                    + " cannot be recovered, performance issues that persist after a full rollback, unknown errors that match no"
                    + " scenario. Hand this report, `data/logs/system.log` and the backups in `redundancy_reduction_backups/`"
                    + " to whoever is next in line.\n\n");
        }

        md.append("## Verification\n\n");
        if (v == null) {
            md.append("Not verified yet (run `verify`).\n\n");
        } else {
            md.append("Verified ").append(v.at() == null ? "" : TIME.format(v.at()) + " ").append("(baseline: ").append(v.baseline())
                    .append("): **").append(v.ok() ? "ok" : "failed").append("** (").append(v.summary()).append(").\n\n");
            md.append("| step | status | detail |\n|---|---|---|\n");
            for (Verification.Step st : v.steps()) {
                md.append("| ").append(st.title() == null ? st.id() : st.title()).append(" | ").append(st.status()).append(" | ")
                        .append(cell(st.detail())).append(" |\n");
            }
            md.append('\n');
        }
        md.append("## Follow-up\n\n")
                .append("- [ ] Root cause of the failure understood and written down\n")
                .append("- [ ] The runbook (rollback-plan.yml) updated with what was learned\n")
                .append("- [ ] The consolidation re-planned before it is tried again\n");
        return md.toString();
    }

    private static String stateLine(Diagnosis d, Verification v, String treeNow, List<SessionState.Event> events) {
        String diag = d == null ? "not diagnosed" : d.healthy() ? "healthy at the last diagnosis"
                : "triggers fired at the last diagnosis: " + String.join(", ", d.fired().stream().map(Diagnosis.Trigger::id).toList());
        String ver = v == null ? "not verified" : v.ok() ? "verification passed" : "verification failed";
        Currency dNow = d == null ? Currency.CURRENT : Currency.of(d.tree(), d.at(), treeNow, events);
        Currency vNow = v == null ? Currency.CURRENT : Currency.of(v.tree(), v.at(), treeNow, events);
        if (d != null && !dNow.current()) {
            diag += " (" + TIME.format(d.at()) + ", before " + dNow.change() + ")";
        }
        if (v != null && !vNow.current()) {
            // the latest result no longer describes the project: say that first
            String stale = ver + " at " + TIME.format(v.at()) + ", before " + vNow.change() + "; not verified since";
            return d != null && d.at() != null && v.at() != null && d.at().isAfter(v.at()) ? diag + "; " + stale : stale
                    + (d == null ? "" : " (last diagnosis: " + diag + ")");
        }
        if (d != null && !dNow.current() && (v == null || d.at() != null && v.at() != null && d.at().isAfter(v.at()))) {
            return diag + "; not diagnosed since" + (v == null ? "; not verified" : "");
        }
        if (d != null && v != null && d.at() != null && v.at() != null) {
            return v.at().isAfter(d.at()) ? ver + " (after the diagnosis: " + diag + ")" : diag + " (" + ver + " before it)";
        }
        return diag + "; " + ver;
    }

    private static void changes(StringBuilder md, Changes c) {
        if (c == null || c.isEmpty()) {
            md.append("No changes in the protected folders.\n\n");
            return;
        }
        for (var part : List.of(List.of("Added", c.added()), List.of("Modified", c.modified()), List.of("Deleted", c.deleted()))) {
            @SuppressWarnings("unchecked")
            List<String> list = (List<String>) part.get(1);
            if (list.isEmpty()) {
                continue;
            }
            md.append("- ").append(part.get(0)).append(" (").append(list.size()).append("): ");
            md.append(paths(list)).append('\n');
        }
        md.append('\n');
    }

    private static String paths(List<String> list) {
        List<String> shown = list.size() > MAX_PATHS ? list.subList(0, MAX_PATHS) : list;
        StringBuilder b = new StringBuilder();
        for (String p : shown) {
            b.append(b.length() == 0 ? "" : ", ").append('`').append(Printable.name(p)).append('`');
        }
        if (list.size() > MAX_PATHS) {
            b.append(" and ").append(list.size() - MAX_PATHS).append(" more");
        }
        return b.toString();
    }

    private static String status(int exit) {
        return exit == 0 ? "ok" : exit == 1 ? "problem found" : "refused";
    }

    private static String cell(String s) {
        return s == null ? "" : inline(s).replace("|", "\\|");
    }

    /** One line of Markdown: control characters escaped as in every text view ({@link Printable}: file names). */
    private static String inline(String s) {
        return s == null ? "" : Printable.name(s).replace("<", "&lt;");
    }

    /**
     * Where {@code report --out FILE} writes, relative paths taken from the project folder:
     * refuses (exit 2) paths inside a protected folder, the backups, the tool's state or
     * {@code .git} (also through a symbolic link), a folder, and an existing file unless
     * {@code force}.
     */
    public static java.nio.file.Path target(dev.rollbackshell.project.Project project, List<String> protectedFolders, String out,
            boolean force) {
        java.nio.file.Path p = java.nio.file.Path.of(out);
        java.nio.file.Path abs = (p.isAbsolute() ? p : project.root().resolve(p)).normalize();
        for (java.nio.file.Path where : new java.nio.file.Path[] {abs, realPath(abs)}) {
            if (where.startsWith(project.root())) {
                String rel = project.rel(where);
                String top = rel.contains("/") ? rel.substring(0, rel.indexOf('/')) : rel;
                if (protectedFolders.contains(top) && rel.contains("/") || top.equals(dev.rollbackshell.project.Project.BACKUP_ROOT)
                        || top.equals(dev.rollbackshell.project.Project.STATE_DIR) || top.equals(".git") || rel.isEmpty()) {
                    throw dev.rollbackshell.project.RollbackException.badInput("will not write the report to " + out
                            + ": it is inside " + (rel.isEmpty() ? "nothing (a folder)" : top + "/")
                            + "; choose a file beside them, such as incident-report.md");
                }
            }
        }
        if (java.nio.file.Files.isDirectory(abs)) {
            throw dev.rollbackshell.project.RollbackException.badInput(out + " is a folder; give a file name such as incident-report.md");
        }
        if (!force && java.nio.file.Files.exists(abs, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw dev.rollbackshell.project.RollbackException.badInput(out + " exists already; give another name, or add"
                    + " --force to replace it");
        }
        return abs;
    }

    /** The path with its existing part's links resolved (the rest as given). */
    private static java.nio.file.Path realPath(java.nio.file.Path abs) {
        java.nio.file.Path tail = java.nio.file.Path.of("");
        for (java.nio.file.Path cur = abs; cur != null; cur = cur.getParent()) {
            try {
                return cur.toRealPath().resolve(tail).normalize();
            } catch (java.io.IOException e) {
                tail = cur.getFileName() == null ? tail : cur.getFileName().resolve(tail);
            }
        }
        return abs;
    }
}
