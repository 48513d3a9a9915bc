package dev.rollbackshell.shell.commands;

import dev.rollbackshell.app.Verify;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.shell.Console;
import dev.rollbackshell.shell.Reply;
import dev.rollbackshell.shell.Workspace;
import dev.rollbackshell.shell.render.VerificationRenderer;
import dev.rollbackshell.verify.Verification;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** {@code verify}: the runbook's five validation steps after a rollback ({@code app/Verify}). */
@Command(group = "Diagnosis")
public class VerifyCommands {

    private final Workspace ws;
    private final Console console;

    public VerifyCommands(Workspace ws, Console console) {
        this.ws = ws;
        this.console = console;
    }

    @Command(command = "verify", description = "Run the runbook's validation steps, compared with the baseline; exit 1 if one failed")
    public Reply verify(
            @Option(longNames = "fresh", description = "run every check again, even on a tree they already ran on") boolean fresh,
            @Option(longNames = "json", description = OptionHelp.JSON) boolean json) {
        Verification v = new Verify(ws.context()).run(fresh);
        return Reply.of(json ? Json.write(v) : VerificationRenderer.render(v, console), !v.ok());
    }
}
