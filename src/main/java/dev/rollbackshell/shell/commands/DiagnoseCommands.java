package dev.rollbackshell.shell.commands;

import dev.rollbackshell.app.Diagnose;
import dev.rollbackshell.app.Suggest;
import dev.rollbackshell.diagnose.Diagnosis;
import dev.rollbackshell.diagnose.Suggestions;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.project.RollbackException;
import dev.rollbackshell.scratch.Prover;
import dev.rollbackshell.shell.Console;
import dev.rollbackshell.shell.Reply;
import dev.rollbackshell.shell.Workspace;
import dev.rollbackshell.shell.render.DiagnosisRenderer;
import dev.rollbackshell.shell.render.SuggestionRenderer;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/**
 * {@code diagnose}, {@code suggest}: the runbook's triggers, then ranked rollback actions
 * ({@code app/Diagnose}, {@code app/Suggest}).
 */
@Command(group = "Diagnosis")
public class DiagnoseCommands {

    private final Workspace ws;
    private final Console console;

    public DiagnoseCommands(Workspace ws, Console console) {
        this.ws = ws;
        this.console = console;
    }

    @Command(command = "diagnose", description = "Evaluate every rollback trigger against the selected backup; exit 1 if one fired")
    public Reply diagnose(
            @Option(longNames = "skip-tests", description = "do not run the test suite") boolean skipTests,
            @Option(longNames = "fresh", description = "run every check again, even on a tree they already ran on") boolean fresh,
            @Option(longNames = "find-good", description = "also search the last known good state (backups, then git history)")
            boolean findGood,
            @Option(longNames = "json", description = OptionHelp.JSON) boolean json) {
        Diagnosis d = new Diagnose(ws.context()).run(skipTests, fresh, findGood);
        String text = json ? Json.write(d) : DiagnosisRenderer.render(d, console) + knownGoodText(d.knownGood());
        return Reply.of(text, !d.healthy());
    }

    private static String knownGoodText(Suggestions.KnownGood kg) {
        if (kg == null) {
            return "";
        }
        String head = kg.found() ? "LAST KNOWN GOOD STATE: " + kg.label() + "; 'restore suggestion 1' restores it"
                : "NO KNOWN GOOD STATE: none of the states tried passes its checks";
        StringBuilder b = new StringBuilder("\n").append(head).append(String.format(java.util.Locale.ROOT,
                " (%d states tried in scratch copies, %.1fs)%n", kg.tried(), kg.seconds()));
        kg.steps().forEach(st -> b.append("  - ").append(st).append('\n'));
        return b.toString();
    }

    @Command(command = "suggest", description = "Ranked rollback actions for the latest diagnosis, each proven in a scratch copy;"
            + " exit 1 if none heals")
    public Reply suggest(
            @Option(longNames = "no-prove", description = "do not prove: today's fast, unproven list") boolean noProve,
            @Option(longNames = "prove", description = "'all': prove every suggestion, not only until one heals") String prove,
            @Option(longNames = "json", description = OptionHelp.JSON) boolean json) {
        Suggestions s = new Suggest(ws.context()).run(mode(noProve, prove));
        return Reply.of(json ? Json.write(s) : SuggestionRenderer.render(s, console), s.escalate() != null);
    }

    static Prover.Mode mode(boolean noProve, String prove) {
        if (prove != null && !prove.isBlank() && !prove.equals("all")) {
            throw RollbackException.badInput("--prove takes 'all' (prove every suggestion), not '" + prove
                    + "'; or give --no-prove for an unproven list");
        }
        if (noProve && prove != null && !prove.isBlank()) {
            throw RollbackException.badInput("--no-prove and --prove all contradict each other; give one of them");
        }
        return noProve ? Prover.Mode.NONE : prove != null && !prove.isBlank() ? Prover.Mode.ALL : Prover.Mode.UNTIL_HEALED;
    }
}
