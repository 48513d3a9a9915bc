package dev.rollbackshell.shell.commands;

import dev.rollbackshell.app.Init;
import dev.rollbackshell.git.GitExclude;
import dev.rollbackshell.shell.Console;
import dev.rollbackshell.shell.Reply;
import dev.rollbackshell.shell.Workspace;
import dev.rollbackshell.shell.render.PlanRenderer;
import java.util.Optional;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** {@code init [--force]}: write a commented rollback-plan.yml from what the project looks like. */
@Command(group = "Plan")
public class InitCommand {

    private final Workspace ws;
    private final Console console;

    public InitCommand(Workspace ws, Console console) {
        this.ws = ws;
        this.console = console;
    }

    @Command(command = "init", description = "Write a commented rollback-plan.yml from what it detects (test command, folders)")
    public Reply init(@Option(longNames = "force", description = "replace an existing rollback-plan.yml") boolean force) {
        Init.Written w = new Init(ws.context()).run(force);
        return Reply.ok(PlanRenderer.initialised(w.plan(), excludedLine(w.excluded(), ws, console).orElse(null)));
    }

    /**
     * What {@code init} and {@code backup create} show of the tool's folders kept out of
     * {@code git status} (the repository's info/exclude, never .gitignore): the line to show
     * for what {@code x} added (empty: nothing); a failure is warned about.
     */
    static Optional<String> excludedLine(GitExclude.Result x, Workspace ws, Console console) {
        if (x.failure() != null) {
            console.warn("could not add the tool's folders to .git/info/exclude (" + x.failure()
                    + "); 'git status' will list them as untracked");
            return Optional.empty();
        }
        if (x.added().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("git: " + String.join(" and ", x.added()) + " added to " + ws.project().root().relativize(x.file())
                + " so 'git status' and 'git add -A' leave them out (.gitignore untouched)");
    }
}
