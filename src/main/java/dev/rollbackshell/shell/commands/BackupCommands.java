package dev.rollbackshell.shell.commands;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.shell.Reply;
import dev.rollbackshell.shell.Workspace;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** {@code backup ...}: make, list, select, show, verify and prune backups. */
@Command(command = "backup", group = "Backups")
public class BackupCommands {

    private final Workspace ws;

    public BackupCommands(Workspace ws) {
        this.ws = ws;
    }

    @Command(command = "select", description = "Select the backup that later commands compare with and restore from")
    public Reply select(@Option(longNames = "id", required = true, description = "backup id, or 'latest'") String id) {
        Backup b = ws.backups().resolve(id);
        ws.session().update(s -> s.withSelectedBackup(b.id()));
        ws.session().record("select", "selected backup " + b.id(), 0);
        return Reply.ok("selected backup " + b.id() + (b.manual() ? " (made by hand)" : ""));
    }
}
