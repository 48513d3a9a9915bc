package dev.rollbackshell.shell.commands;

import dev.rollbackshell.app.Undo;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.project.RollbackException;
import dev.rollbackshell.shell.Reply;
import dev.rollbackshell.shell.Workspace;
import dev.rollbackshell.shell.render.JournalText;
import org.springframework.shell.command.CommandRegistration.OptionArity;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** {@code undo [--list [--last N | --all]] [--redo]}: the journal, read and reverted. */
@Command(group = "Restore")
public class UndoCommands {

    private final Workspace ws;

    public UndoCommands(Workspace ws) {
        this.ws = ws;
    }

    @Command(command = "undo", description = "Revert the latest restore or clean exactly; again to go further back; --redo re-applies what the latest undo reverted")
    public Reply undo(
            @Option(longNames = "list", arity = OptionArity.ZERO, description = "show the journal, newest first") boolean list,
            @Option(longNames = "redo", arity = OptionArity.ZERO, description = "revert the latest undo instead") boolean redo,
            @Option(longNames = "last", label = "N", description = "with --list: the newest N entries (default: the plan's journalKeep, 50)") Integer last,
            @Option(longNames = "all", arity = OptionArity.ZERO, description = "with --list: every entry") boolean all,
            @Option(longNames = "json", arity = OptionArity.ZERO, description = OptionHelp.JSON) boolean json) {
        requireOneMode(list, redo, last, all);
        Undo use = new Undo(ws.context());
        if (list) {
            Undo.Listing l = use.list(last, all);
            return Reply.ok(json ? Json.write(l) : JournalText.list(l.shown(), l.total(), l.nextUndo(), l.nextRedo()));
        }
        Undo.Undone u = use.run(redo);
        return Reply.ok(json ? Json.write(u) : JournalText.undone(u.applied(), u.target(), redo));
    }

    /** Refuses (exit 2) options that do not go together. */
    private static void requireOneMode(boolean list, boolean redo, Integer last, boolean all) {
        if (list && redo) {
            throw RollbackException.badInput("give --list or --redo, not both");
        }
        if ((last != null || all) && !list) {
            throw RollbackException.badInput("--last and --all go with --list ('undo --list --last 10')");
        }
        if (last != null && (all || last < 1)) {
            throw RollbackException.badInput(all ? "give --last N or --all, not both" : "--last must be 1 or more");
        }
    }
}
