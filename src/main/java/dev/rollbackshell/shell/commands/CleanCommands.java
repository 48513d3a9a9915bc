package dev.rollbackshell.shell.commands;

import dev.rollbackshell.app.Clean;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.restore.Cleaner;
import dev.rollbackshell.shell.Reply;
import dev.rollbackshell.shell.Workspace;
import dev.rollbackshell.shell.render.RestoreText;
import org.springframework.shell.command.CommandRegistration.OptionArity;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** {@code clean [--dry-run]}: the runbook's find -name "*.pyc" -delete, inside protected folders, undoable. */
@Command(group = "Restore")
public class CleanCommands {

    private final Workspace ws;

    public CleanCommands(Workspace ws) {
        this.ws = ws;
    }

    @Command(command = "clean", description = "Remove generated files (*.pyc, __pycache__) inside the protected folders; 'undo' brings them back")
    public Reply clean(
            @Option(longNames = "dry-run", arity = OptionArity.ZERO, description = OptionHelp.DRY_RUN_REMOVE) boolean dryRun,
            @Option(longNames = "json", arity = OptionArity.ZERO, description = OptionHelp.JSON) boolean json) {
        Cleaner.CleanReport r = new Clean(ws.context()).run(dryRun);
        return Reply.ok(json ? Json.write(r) : RestoreText.clean(r));
    }
}
