package dev.rollbackshell.shell.commands;

import dev.rollbackshell.json.Json;
import dev.rollbackshell.plan.ActivePlan;
import dev.rollbackshell.shell.Console;
import dev.rollbackshell.shell.Reply;
import dev.rollbackshell.shell.Workspace;
import dev.rollbackshell.shell.render.PlanRenderer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** {@code plan show}, {@code plan scenarios}: the active plan and where it came from. */
@Command(command = "plan", group = "Plan")
public class PlanCommands {

    private final Workspace ws;
    private final Console console;

    public PlanCommands(Workspace ws, Console console) {
        this.ws = ws;
        this.console = console;
    }

    @Command(command = "show", description = "The active plan (rollback-plan.yml or the built-in runbook) and where it came from")
    public Reply show(@Option(longNames = "json", description = OptionHelp.JSON) boolean json) {
        ActivePlan a = ws.plan();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("source", a.source());
            doc.put("file", a.file() == null ? null : a.file().toString());
            doc.put("plan", a.plan());
            return Reply.ok(Json.write(doc));
        }
        return Reply.ok(PlanRenderer.show(a, console));
    }

    @Command(command = "scenarios", description = "The plan's phases and scenarios: symptoms, signals, restore steps")
    public Reply scenarios(@Option(longNames = "json", description = OptionHelp.JSON) boolean json) {
        ActivePlan a = ws.plan();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("phases", a.plan().phasesOrEmpty());
            doc.put("nuclear", a.plan().nuclear());
            return Reply.ok(Json.write(doc));
        }
        return Reply.ok(PlanRenderer.scenarios(a.plan(), console));
    }
}
