package dev.rollbackshell.shell.commands;

import dev.rollbackshell.json.Json;
import dev.rollbackshell.process.Processes;
import dev.rollbackshell.shell.Interaction;
import dev.rollbackshell.shell.Reply;
import dev.rollbackshell.shell.Workspace;
import dev.rollbackshell.shell.render.JournalText;
import java.time.Duration;
import java.util.List;
import org.springframework.shell.command.CommandRegistration.OptionArity;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** {@code processes [--stop] [--yes]}: the runbook's pkill -f "python.*athena", shown first and careful. */
@Command(group = "Restore")
public class ProcessCommands {

    static final Duration GRACE = Duration.ofSeconds(5);

    private final Workspace ws;
    private final Interaction interaction;

    public ProcessCommands(Workspace ws, Interaction interaction) {
        this.ws = ws;
        this.interaction = interaction;
    }

    @Command(command = "processes", description = "List the processes matching the plan's pattern (python.*athena); --stop ends them: TERM, then KILL")
    public Reply processes(
            @Option(longNames = "stop", arity = OptionArity.ZERO, description = "stop them: TERM, a few seconds' grace, then KILL") boolean stop,
            @Option(longNames = "yes", arity = OptionArity.ZERO, description = OptionHelp.YES) boolean yes,
            @Option(longNames = "json", arity = OptionArity.ZERO, description = OptionHelp.JSON) boolean json) {
        String pattern = ws.processPattern();
        List<Processes.Proc> found = Processes.find(pattern);
        if (!stop || found.isEmpty()) {
            return Reply.ok(json ? Json.write(new Listed(pattern, found, null))
                    : JournalText.processes(pattern, found));
        }
        interaction.confirm("Stop " + found.size() + (found.size() == 1 ? " process" : " processes") + " matching "
                + pattern + " (TERM, then KILL after " + GRACE.toSeconds() + " s)?", yes, "processes --stop");
        Processes.StopResult r = Processes.stop(found, GRACE);
        ws.session().record("processes", "stopped " + (r.terminated().size() + r.killed().size()) + " processes matching "
                + pattern + (r.allStopped() ? "" : ", " + r.survived().size() + " still running"), r.allStopped() ? 0 : 1);
        return Reply.of(json ? Json.write(new Listed(pattern, found, r))
                : JournalText.stopped(pattern, r), !r.allStopped());
    }

    /** {@code processes --json}: the pattern, the processes found, and with {@code --stop} what became of them. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Listed(String pattern, List<Processes.Proc> processes, Processes.StopResult stopped) {
    }
}
