package dev.rollbackshell.shell.commands;

import dev.rollbackshell.app.RunningProcesses;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.shell.Interaction;
import dev.rollbackshell.shell.Reply;
import dev.rollbackshell.shell.Workspace;
import dev.rollbackshell.shell.render.JournalText;
import org.springframework.shell.command.CommandRegistration.OptionArity;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** {@code processes [--stop] [--yes]}: the runbook's pkill -f "python.*athena", shown first and careful. */
@Command(group = "Restore")
public class ProcessCommands {

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
        RunningProcesses use = new RunningProcesses(ws.context());
        RunningProcesses.Listed l = stop ? use.stop(found -> interaction.confirm("Stop " + found.processes().size()
                + (found.processes().size() == 1 ? " process" : " processes") + " matching " + found.pattern()
                + " (TERM, then KILL after " + RunningProcesses.GRACE.toSeconds() + " s)?", yes, "processes --stop"))
                : use.list();
        if (l.stopped() == null) {
            return Reply.ok(json ? Json.write(l) : JournalText.processes(l.pattern(), l.processes()));
        }
        return Reply.of(json ? Json.write(l) : JournalText.stopped(l.pattern(), l.stopped()), !l.stopped().allStopped());
    }
}
