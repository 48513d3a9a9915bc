package dev.rollbackshell.shell.commands;

import dev.rollbackshell.app.Status;
import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.diff.BackupDiff;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.shell.Reply;
import dev.rollbackshell.shell.Workspace;
import dev.rollbackshell.shell.render.DiffRender;
import dev.rollbackshell.shell.render.StatusRender;
import org.springframework.shell.command.CommandRegistration.OptionArity;
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
        Status.View v = new Status(ws.context()).run();
        return Reply.ok(json ? StatusRender.json(v) : StatusRender.render(v));
    }

    @Command(command = "diff", description = "Unified diff between the selected backup (a/) and the project (b/)")
    public Reply diff(
            @Option(longNames = "path", label = "PATH", arity = OptionArity.EXACTLY_ONE, description = "a file or folder (default: every protected folder)") String path,
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
