package dev.rollbackshell.shell;

import dev.rollbackshell.app.Context;
import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.plan.ActivePlan;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.session.SessionStore;
import java.util.List;
import org.springframework.stereotype.Component;

/** The project this shell works on and the core services over it, shared by all commands. */
@Component
public class Workspace {

    private final Context context;

    public Workspace(GlobalOptions options, Console console) {
        this.context = Context.of(Project.at(options.project()), console::info, console::warn);
    }

    /** What the use cases in {@code app/} work on: this project, progress on stderr. */
    public Context context() {
        return context;
    }

    public Project project() {
        return context.project();
    }

    public SessionStore session() {
        return context.session();
    }

    public BackupStore backups() {
        return context.backups();
    }

    /**
     * The active plan: the project's {@code rollback-plan.yml} when present (re-read when it
     * changes), else the built-in runbook. A malformed plan refuses (exit 2) with its line and column.
     */
    public ActivePlan plan() {
        return context.plan();
    }

    /** The protected folders: what backups copy and restores write (the plan's; runbook: src, tests, data). */
    public List<String> protectedFolders() {
        return plan().plan().foldersOrDefault();
    }
}
