package dev.rollbackshell.shell.commands;

import dev.rollbackshell.plan.PlanInit;
import dev.rollbackshell.shell.Reply;
import dev.rollbackshell.shell.Workspace;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** {@code init [--force]}: write a commented rollback-plan.yml from what the project looks like. */
@Command(group = "Plan")
public class InitCommand {

    private final Workspace ws;

    public InitCommand(Workspace ws) {
        this.ws = ws;
    }

    @Command(command = "init", description = "Write a commented rollback-plan.yml from what it detects (test command, folders)")
    public Reply init(@Option(longNames = "force", description = "replace an existing rollback-plan.yml") boolean force) {
        try (var lock = ws.lock("init")) {
            PlanInit.Result r = PlanInit.write(ws.project(), force);
            var d = r.detection();
            ws.session().record("init", (r.replaced() ? "replaced " : "wrote ") + "rollback-plan.yml (" + d.kind() + " project)", 0);
            StringBuilder b = new StringBuilder((r.replaced() ? "replaced " : "wrote ") + r.file() + "\n");
            d.notes().forEach(n -> b.append("  - ").append(n).append('\n'));
            b.append("  protected folders: ").append(String.join(", ", d.folders())).append('\n');
            b.append("Next: review it, then 'plan show' and 'backup create'");
            return Reply.ok(b.toString());
        }
    }
}
