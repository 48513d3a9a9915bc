package dev.rollbackshell.shell.commands;

import dev.rollbackshell.app.JournalPrune;
import dev.rollbackshell.journal.JournalPruner;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.shell.Console;
import dev.rollbackshell.shell.Interaction;
import dev.rollbackshell.shell.Reply;
import dev.rollbackshell.shell.Workspace;
import dev.rollbackshell.shell.render.Ages;
import dev.rollbackshell.shell.render.JournalText;
import java.time.Duration;
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
            @Option(longNames = "dry-run", arity = OptionArity.ZERO, description = OptionHelp.DRY_RUN_REMOVE) boolean dryRun,
            @Option(longNames = "yes", arity = OptionArity.ZERO, description = OptionHelp.YES) boolean yes,
            @Option(longNames = "json", arity = OptionArity.ZERO, description = OptionHelp.JSON) boolean json) {
        JournalPrune use = new JournalPrune(ws.context());
        int n = use.keepOrDefault(keep);
        Duration age = olderThan == null ? null : Ages.parse(olderThan, "--older-than");
        return render(use.prune(n, age, dryRun, preview -> {
            console.info(JournalText.pruned(preview, n));
            int k = preview.removed().size();
            interaction.confirm("remove " + k + (k == 1 ? " journal entry" : " journal entries") + " for good?", yes,
                    "journal prune --keep " + n + (olderThan == null ? "" : " --older-than " + olderThan));
        }), n, json);
    }

    private static Reply render(JournalPruner.Pruned p, int keep, boolean json) {
        return Reply.ok(json ? Json.write(p) : JournalText.pruned(p, keep));
    }
}
