package dev.rollbackshell.shell.commands;

import dev.rollbackshell.app.RestoreOutcome;
import dev.rollbackshell.app.RestoreScenario;
import dev.rollbackshell.app.RestoreSuggestion;
import dev.rollbackshell.diagnose.Proof;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.restore.UndoWords;
import dev.rollbackshell.shell.Console;
import dev.rollbackshell.shell.Interaction;
import dev.rollbackshell.shell.Reply;
import dev.rollbackshell.shell.Workspace;
import dev.rollbackshell.shell.render.RestoreActionText;
import java.util.function.Consumer;
import org.springframework.shell.command.CommandRegistration.OptionArity;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/**
 * {@code restore suggestion N} and {@code restore scenario ID}: the diagnosis's and the
 * runbook's restore actions, applied through the journal as one undoable entry
 * ({@code app/RestoreSuggestion}, {@code app/RestoreScenario}).
 */
@Command(command = "restore", group = "Restore")
public class RestoreActionCommands {

    private final Workspace ws;
    private final Console console;
    private final Interaction interaction;

    public RestoreActionCommands(Workspace ws, Console console, Interaction interaction) {
        this.ws = ws;
        this.console = console;
        this.interaction = interaction;
    }

    @Command(command = "suggestion", description = "Apply suggestion N of 'suggest', then verify; " + UndoWords.REVERTS)
    public Reply suggestion(
            @Option(longNames = "rank", label = "N", arity = OptionArity.EXACTLY_ONE, required = true, description = "the suggestion's number in 'suggest'") int rank,
            @Option(longNames = "dry-run", description = OptionHelp.DRY_RUN) boolean dryRun,
            @Option(longNames = "yes", description = OptionHelp.YES) boolean yes,
            @Option(longNames = "json", description = OptionHelp.JSON) boolean json) {
        RestoreSuggestion use = new RestoreSuggestion(ws.context());
        RestoreSuggestion.Chosen c = use.choose(rank);
        if (c.suggestion().proof().status() == Proof.Status.FAILS) {
            console.warn("suggestion " + rank + " was tried in a scratch copy and does not heal the project ("
                    + c.suggestion().proof().text() + ")");
        }
        if (!dryRun && !c.suggestion().overwrites().isEmpty()) {
            interaction.confirm(UndoWords.question("Apply " + c.label() + ", overwriting "
                    + c.suggestion().overwrites().size() + " files"), yes, "restore suggestion " + rank);
        }
        RestoreOutcome o = use.apply(c, dryRun, shown(json));
        return reply(o, json ? Json.write(o) : dryRun ? RestoreActionText.render(o, console)
                : RestoreActionText.verified(o, console));
    }

    @Command(command = "scenario", description = "Restore what one runbook scenario restores (see 'plan scenarios'), then run its check")
    public Reply scenario(
            @Option(longNames = "id", label = "ID", arity = OptionArity.EXACTLY_ONE, required = true, description = "scenario id such as 1A, or 'nuclear'") String id,
            @Option(longNames = "dry-run", description = OptionHelp.DRY_RUN) boolean dryRun,
            @Option(longNames = "yes", description = OptionHelp.YES + "; only the nuclear option asks") boolean yes,
            @Option(longNames = "json", description = OptionHelp.JSON) boolean json) {
        RestoreScenario use = new RestoreScenario(ws.context());
        RestoreScenario.Chosen c = use.choose(id);
        if (!dryRun && c.nuclear()) {
            interaction.confirm(UndoWords.question("Apply the nuclear option: " + String.join(", ", c.scenario().paths())
                    + " exactly like backup " + c.backup().id()), yes, "restore scenario nuclear");
        }
        RestoreOutcome o = use.apply(c, dryRun, shown(json));
        return reply(o, json ? Json.write(o) : dryRun ? RestoreActionText.render(o, console)
                : RestoreActionText.verified(o, console, o.notes()));
    }

    /** Prints what was restored as soon as it is, before verify's progress; nothing with --json (one document at the end). */
    private Consumer<RestoreOutcome> shown(boolean json) {
        return json ? o -> { } : o -> {
            console.out().print(RestoreActionText.restored(o));
            console.out().flush();
        };
    }

    private static Reply reply(RestoreOutcome o, String text) {
        return Reply.of(text, o.verification() != null && !o.verification().ok());
    }
}
