package dev.rollbackshell.shell.commands;

import dev.rollbackshell.git.GitRepo;
import dev.rollbackshell.check.ImportTrial;
import dev.rollbackshell.plan.PlanInit;
import dev.rollbackshell.shell.Console;
import dev.rollbackshell.shell.Reply;
import dev.rollbackshell.shell.Workspace;
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
        try (var lock = ws.lock("init")) {
            PlanInit.Result r = PlanInit.write(ws.project(), force, ImportTrial::failing);
            var d = r.detection();
            ws.session().record("init", (r.replaced() ? "replaced " : "wrote ") + "rollback-plan.yml (" + d.kind() + " project)", 0);
            StringBuilder b = new StringBuilder((r.replaced() ? "replaced " : "wrote ") + r.file() + "\n");
            d.notes().forEach(n -> b.append("  - ").append(n).append('\n'));
            b.append("  protected folders: ").append(String.join(", ", d.folders())).append('\n');
            r.leftOut().forEach((m, why) -> b.append("  - import check: ").append(m)
                    .append(" left out, it fails to import here today (").append(why).append(")\n"));
            excludeFromGit(ws, console).ifPresent(line -> b.append("  - ").append(line).append('\n'));
            b.append("Next: review it, then 'plan show' and 'backup create'");
            return Reply.ok(b.toString());
        }
    }

    /**
     * Keeps the tool's folders out of {@code git status} (the repository's info/exclude, never
     * .gitignore); the line to show when it added something or could not, empty otherwise.
     */
    static Optional<String> excludeFromGit(Workspace ws, Console console) {
        GitRepo.ExcludeResult x = GitRepo.excludeToolFolders(ws.project());
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
