package dev.rollbackshell.shell;

import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.ProjectLock;
import dev.rollbackshell.session.SessionStore;
import org.springframework.stereotype.Component;

/** The project this shell works on and the core services over it, shared by all commands. */
@Component
public class Workspace {

    private final Project project;
    private final SessionStore session;
    private final BackupStore backups;
    private final Console console;

    public Workspace(GlobalOptions options, Console console) {
        this.project = Project.at(options.project());
        this.session = new SessionStore(project);
        this.backups = new BackupStore(project);
        this.console = console;
    }

    public Project project() {
        return project;
    }

    public SessionStore session() {
        return session;
    }

    public BackupStore backups() {
        return backups;
    }

    /** Takes the project lock for a command that writes; close it when done. */
    public ProjectLock lock(String purpose) {
        return ProjectLock.acquire(project, purpose, console::warn);
    }
}
