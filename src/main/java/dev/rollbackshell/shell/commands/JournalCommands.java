package dev.rollbackshell.shell.commands;

import dev.rollbackshell.journal.Journal;
import dev.rollbackshell.journal.JournalEntry;
import dev.rollbackshell.journal.JournalPruner;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.project.RollbackException;
import dev.rollbackshell.shell.Console;
import dev.rollbackshell.shell.Interaction;
import dev.rollbackshell.shell.Reply;
import dev.rollbackshell.shell.Workspace;
import dev.rollbackshell.shell.render.Ages;
import dev.rollbackshell.shell.render.JournalText;
import java.time.Duration;
import java.util.List;
import org.springframework.shell.command.CommandRegistration.OptionArity;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** {@code journal prune}: the journal over time (docs/restore.md, "The journal over time"). */
@Command(command = "journal", group = "Restore")
public class JournalCommands {

    private final Workspace ws;
    private final Console console;
    private final Interaction interaction;

    public JournalCommands(Workspace ws, Console console, Interaction interaction) {
        this.ws = ws;
        this.console = console;
        this.interaction = interaction;
    }

    @Command(command = "prune", description = "Remove old journal entries, keeping the newest N (the plan's journalKeep, 50) and any interrupted one; they can no longer be undone")
    public Reply prune(
            @Option(longNames = "keep", label = "N", description = "how many of the newest entries to keep (default: the plan's journalKeep, 50)") Integer keep,
            @Option(longNames = "older-than", label = "AGE", description = "only entries older than this: 30d, 12h, 2w") String olderThan,
            @Option(longNames = "dry-run", arity = OptionArity.ZERO, description = "only say what would be removed") boolean dryRun,
            @Option(longNames = "yes", arity = OptionArity.ZERO, description = "do not ask (needed outside the interactive shell)") boolean yes,
            @Option(longNames = "json", arity = OptionArity.ZERO, description = "print one JSON document") boolean json) {
        int n = keep != null ? keep : ws.plan().plan().journalKeepOrDefault();
        Duration age = olderThan == null ? null : Ages.parse(olderThan, "--older-than");
        JournalPruner pruner = new JournalPruner(new Journal(ws.project(), console::warn), console::warn);
        try (var lock = ws.lock("journal prune")) {
            JournalPruner.Plan plan = pruner.plan(n, age);
            List<Integer> seqs = plan.remove().stream().map(JournalEntry::seq).toList();
            if (dryRun || seqs.isEmpty()) {
                return render(new JournalPruner.Pruned(true, seqs, plan.kept(), plan.held(), plan.bytes()), n, json);
            }
            console.info(JournalText.pruned(new JournalPruner.Pruned(true, seqs, plan.kept(), plan.held(), plan.bytes()), n));
            interaction.confirm("remove " + seqs.size() + (seqs.size() == 1 ? " journal entry" : " journal entries")
                    + " for good?", yes, "journal prune --keep " + n + (olderThan == null ? "" : " --older-than " + olderThan));
            List<Integer> removed = pruner.execute(plan);
            ws.session().record("journal-prune", "removed journal entries " + removed, 0);
            return render(new JournalPruner.Pruned(false, removed, plan.kept() + seqs.size() - removed.size(),
                    plan.held(), plan.bytes()), n, json);
        }
    }

    private static Reply render(JournalPruner.Pruned p, int keep, boolean json) {
        return Reply.ok(json ? Json.write(p) : JournalText.pruned(p, keep));
    }
}
