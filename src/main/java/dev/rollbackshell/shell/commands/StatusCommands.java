package dev.rollbackshell.shell.commands;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.backup.StatusReport;
import dev.rollbackshell.diff.BackupDiff;
import dev.rollbackshell.journal.Journal;
import dev.rollbackshell.journal.JournalPruner;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.shell.Reply;
import dev.rollbackshell.shell.Workspace;
import dev.rollbackshell.shell.render.Ages;
import dev.rollbackshell.shell.render.DiffRender;
import dev.rollbackshell.shell.render.StatusRender;
import dev.rollbackshell.verify.Verification;
import dev.rollbackshell.verify.Verifier;
import dev.rollbackshell.report.Currency;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** {@code status} and {@code diff}: the project against the selected backup. */
@Command(group = "Backups")
public class StatusCommands {

    private final Workspace ws;

    public StatusCommands(Workspace ws) {
        this.ws = ws;
    }

    @Command(command = "status", description = "Project, plan, selected backup, files added/modified/deleted since it, latest diagnosis")
    public Reply status(@Option(longNames = "json", description = OptionHelp.JSON) boolean json) {
        var session = ws.session().load();
        StatusReport r = StatusReport.of(ws.project(), ws.backups(), ws.planName(), session.selectedBackup(),
                ws.protectedFolders(), session.diagnosis());
        Verification verified = Verifier.latest(ws.project()).orElse(null);
        String tree = ws.treeNow();
        Currency diagnosisNow = session.diagnosis() == null || session.diagnosis().isNull() ? Currency.CURRENT
                : Currency.of(text(session.diagnosis().get("tree")), instant(session.diagnosis().get("at")), tree,
                        session.events());
        Currency verifiedNow = verified == null ? Currency.CURRENT
                : Currency.of(verified.tree(), verified.at(), tree, session.events());
        JournalPruner.Usage journal = new JournalPruner(new Journal(ws.project(), s -> { }), s -> { }).usage();
        if (json) {
            ObjectNode doc = Json.MAPPER.valueToTree(r);
            doc.set("journal", Json.MAPPER.valueToTree(journal));
            doc.set("diagnosisCurrent", Json.MAPPER.valueToTree(diagnosisNow));
            if (verified != null) {
                ObjectNode v = doc.putObject("verification");
                v.put("ok", verified.ok());
                v.put("at", String.valueOf(verified.at()));
                v.set("current", Json.MAPPER.valueToTree(verifiedNow));
            }
            return Reply.ok(Json.write(doc));
        }
        String age = r.selectedBackup() == null ? "" : ws.backups().find(r.selectedBackup())
                .map(b -> Ages.ago(b.createdAt())).orElse("?");
        return Reply.ok(StatusRender.render(r, age, verified, diagnosisNow, verifiedNow, journal,
                ws.plan().plan().journalKeepOrDefault()));
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Instant instant(JsonNode n) {
        try {
            return n == null || n.isNull() ? null : Instant.parse(n.asText());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    @Command(command = "diff", description = "Unified diff between the selected backup (a/) and the project (b/)")
    public Reply diff(
            @Option(longNames = "path", label = "PATH", description = "a file or folder (default: every protected folder)") String path,
            @Option(longNames = "stat", description = "only a summary per file") boolean stat,
            @Option(longNames = "checksum", description = "compare files by content, not by size and time (slower; sees an edit that kept both)") boolean checksum,
            @Option(longNames = "json", description = OptionHelp.JSON) boolean json) {
        Backup b = ws.backups().selectedOrLatest(ws.session().load().selectedBackup());
        BackupDiff.Result d = BackupDiff.diff(ws.project(), ws.backups(), b, path, ws.protectedFolders(), checksum);
        if (json) {
            return Reply.ok(Json.write(d));
        }
        return stat ? Reply.ok(DiffRender.stat(d)) : Reply.raw(DiffRender.patches(d), 0); // a patch stays applicable
    }
}
