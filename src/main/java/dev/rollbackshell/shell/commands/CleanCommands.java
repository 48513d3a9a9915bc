package dev.rollbackshell.shell.commands;

import dev.rollbackshell.journal.Journal;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.restore.Cleaner;
import dev.rollbackshell.shell.Console;
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
    private final Console console;

    public CleanCommands(Workspace ws, Console console) {
        this.ws = ws;
        this.console = console;
    }

    @Command(command = "clean", description = "Remove generated files (*.pyc, __pycache__) inside the protected folders; 'undo' brings them back")
    public Reply clean(
            @Option(longNames = "dry-run", arity = OptionArity.ZERO, description = "list what would be removed; change nothing") boolean dryRun,
            @Option(longNames = "json", arity = OptionArity.ZERO, description = "print one JSON document") boolean json) {
        Cleaner cleaner = new Cleaner(ws.project(), new Journal(ws.project(), console::warn));
        Cleaner.CleanReport r;
        if (dryRun) {
            r = cleaner.clean(ws.protectedFolders(), ws.cleanPatterns(), true);
        } else {
            try (var lock = ws.lock("clean")) {
                r = cleaner.clean(ws.protectedFolders(), ws.cleanPatterns(), false);
            }
            if (r.journal() != null) {
                ws.session().record("clean", "removed " + r.files() + " generated files (journal entry " + r.journal() + ")", 0);
            }
        }
        return Reply.ok(json ? Json.write(r) : RestoreText.clean(r));
    }
}
