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

    /**
     * The protected folders: what backups copy and restores write. The plan decides them
     * (DESIGN §2); until a plan is loaded, the runbook's own: src, tests, data.
     */
    public java.util.List<String> protectedFolders() {
        return java.util.List.of("src", "tests", "data");
    }

    /** Where the active plan comes from, for {@code status} and {@code plan show}. */
    public String planName() {
        return "built-in (the emergency rollback runbook)";
    }

    /** Generated files {@code clean} removes, as glob patterns (runbook: *.pyc, __pycache__). */
    public java.util.List<String> cleanPatterns() {
        return java.util.List.of("**/*.pyc", "**/__pycache__");
    }

    /** Command lines of the system's processes, as a regular expression (runbook: python.*athena). */
    public String processPattern() {
        return "python.*athena";
    }

    /** Takes the project lock for a command that writes; close it when done. */
    public ProjectLock lock(String purpose) {
        return ProjectLock.acquire(project, purpose, console::warn);
    }
}
