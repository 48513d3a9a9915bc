package dev.rollbackshell.shell.commands;

import dev.rollbackshell.journal.Journal;
import dev.rollbackshell.journal.JournalEntry;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.project.RollbackException;
import dev.rollbackshell.shell.Console;
import dev.rollbackshell.shell.Reply;
import dev.rollbackshell.shell.Workspace;
import dev.rollbackshell.shell.render.JournalText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.shell.command.CommandRegistration.OptionArity;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** {@code undo [--list [--last N | --all]] [--redo]}: the journal, read and reverted. */
@Command(group = "Restore")
public class UndoCommands {

    private final Workspace ws;
    private final Console console;

    public UndoCommands(Workspace ws, Console console) {
        this.ws = ws;
        this.console = console;
    }

    @Command(command = "undo", description = "Revert the latest restore or clean exactly; again to go further back; --redo re-applies what the latest undo reverted")
    public Reply undo(
            @Option(longNames = "list", arity = OptionArity.ZERO, description = "show the journal, newest first") boolean list,
            @Option(longNames = "redo", arity = OptionArity.ZERO, description = "revert the latest undo instead") boolean redo,
            @Option(longNames = "last", label = "N", description = "with --list: the newest N entries (default: the plan's journalKeep, 50)") Integer last,
            @Option(longNames = "all", arity = OptionArity.ZERO, description = "with --list: every entry") boolean all,
            @Option(longNames = "json", arity = OptionArity.ZERO, description = "print one JSON document") boolean json) {
        Journal journal = new Journal(ws.project(), console::warn);
        if (list && redo) {
            throw RollbackException.badInput("give --list or --redo, not both");
        }
        if ((last != null || all) && !list) {
            throw RollbackException.badInput("--last and --all go with --list ('undo --list --last 10')");
        }
        if (last != null && (all || last < 1)) {
            throw RollbackException.badInput(all ? "give --last N or --all, not both" : "--last must be 1 or more");
        }
        if (list) {
            List<JournalEntry> entries = journal.list();
            int shown = all ? entries.size() : Math.min(entries.size(), last != null ? last : ws.plan().plan().journalKeepOrDefault());
            List<JournalEntry> newest = entries.subList(entries.size() - shown, entries.size());
            List<JournalEntry> newestFirst = new ArrayList<>(newest);
            Collections.reverse(newestFirst);
            return Reply.ok(json ? Json.write(newestFirst)
                    : JournalText.list(newest, entries.size(), journal.nextUndo(), journal.nextRedo()));
        }
        Journal.Applied a;
        JournalEntry target;
        try (var lock = ws.lock(redo ? "redo" : "undo")) {
            target = (redo ? journal.nextRedo() : journal.nextUndo()).orElse(null);
            a = redo ? journal.redo() : journal.undo();
        }
        for (String p : a.changedSince()) {
            console.warn(p + " had changed since #" + target.seq() + "; what it held is kept in journal entry "
                    + a.entry().seq() + " ('undo --redo' brings it back)");
        }
        ws.session().recordChange(redo ? "redo" : "undo", (redo ? "redid #" : "undid #") + target.seq() + " ("
                + target.summary() + "), journal entry " + a.entry().seq(), 0, a.written() + a.removed());
        return Reply.ok(json ? Json.write(new Undone(target.seq(), a.entry().seq(), a.written(), a.removed(), a.changedSince()))
                : JournalText.undone(a, target, redo));
    }

    /** {@code undo --json}: the entry reverted, the new journal entry, and the paths edited since the reverted one. */
    public record Undone(int reverted, int journal, int written, int removed, List<String> changedSince) {
    }
}
