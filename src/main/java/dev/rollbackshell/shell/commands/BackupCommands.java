package dev.rollbackshell.shell.commands;

import dev.rollbackshell.app.BackupCreate;
import dev.rollbackshell.app.BackupOverview;
import dev.rollbackshell.app.BackupPrune;
import dev.rollbackshell.app.BackupSelect;
import dev.rollbackshell.app.BackupVerify;
import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.backup.BackupCatalog;
import dev.rollbackshell.backup.BackupResult;
import dev.rollbackshell.backup.BackupVerifier;
import dev.rollbackshell.backup.BaselineRecorder;
import dev.rollbackshell.git.SafetyBranch;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.project.Clocks;
import dev.rollbackshell.project.RollbackException;
import dev.rollbackshell.shell.Console;
import dev.rollbackshell.shell.Interaction;
import dev.rollbackshell.shell.Reply;
import dev.rollbackshell.shell.Workspace;
import dev.rollbackshell.shell.render.BackupRender;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.command.CommandContext;
import org.springframework.shell.command.CommandRegistration.OptionArity;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
/** {@code backup ...}: make, list, select, show, verify and prune backups. */
@Command(command = "backup", group = "Backups")
public class BackupCommands {

    private final Workspace ws;
    private final Console console;
    private final Interaction interaction;
    private final ObjectProvider<BaselineRecorder> baseline;

    public BackupCommands(Workspace ws, Console console, Interaction interaction,
            ObjectProvider<BaselineRecorder> baseline) {
        this.ws = ws;
        this.console = console;
        this.interaction = interaction;
        this.baseline = baseline;
    }

    @Command(command = "create", description = "Back up the protected folders, record the baseline, make the git safety branch; selects the new backup")
    public Reply create(
            @Option(longNames = "phase", defaultValue = "1", description = "refactoring phase (names the branch redundancy_reduction_phase_N_backup)") int phase,
            @Option(longNames = "message", description = "a note kept with the backup and its commit") String message,
            @Option(longNames = "no-git", description = "no git safety branch") boolean noGit,
            @Option(longNames = "no-baseline", description = "do not record the baseline (faster)") boolean noBaseline,
            @Option(longNames = "checksum", description = "read every file: one whose size and time match the last backup is linked only when its content does too") boolean checksum,
            @Option(longNames = "json", description = OptionHelp.JSON) boolean json) {
        BackupCreate.Made made = new BackupCreate(ws.context()).run(ws.protectedFolders(), phase, message, noGit,
                noBaseline ? null : baseline.getIfAvailable(() -> BaselineRecorder.NONE), checksum);
        InitCommand.excludedLine(made.excluded(), ws, console).ifPresent(console::info);
        BackupResult r = made.result();
        boolean gitFailed = r.git().failed();
        if (gitFailed) {
            console.warn("the backup " + r.backup().id() + " is made, but the git safety branch failed ("
                    + r.git().whyNot() + "); fix that (free space, repair the repository), then run 'backup create' again");
        }
        if (json) {
            return Reply.of(Json.write(BackupRender.CreatedJson.of(r, catalog().summary(r.backup(), r.backup().id()))), gitFailed);
        }
        return Reply.of(BackupRender.created(r), gitFailed);
    }

    @Command(command = "list", description = "List the backups: phase, made by tool or by hand, files, size, new bytes, baseline, git branch")
    public Reply list(@Option(longNames = "json", description = OptionHelp.JSON) boolean json,
            @Option(longNames = "remote", arity = OptionArity.ZERO_OR_ONE, description = "what a git remote holds (a name, URL or path; default origin), nothing fetched") String remote,
            CommandContext context) {
        // --remote alone names the default remote: Spring Shell gives no value then, so look at the words
        if (remote != null || java.util.Arrays.asList(context.getRawArgs()).contains("--remote")) {
            return BackupRemoteCommands.listRemote(ws, remote, json);
        }
        return listHere(ws, console, json);
    }

    /** {@code backup list [--json]}: the backups in this project's store (also started directly, {@code DirectStart}). */
    public static Reply listHere(Workspace ws, Console console, boolean json) {
        List<BackupOverview.Row> rows = overview(ws, console).list(ws.session().load().selectedBackup());
        if (json) {
            return Reply.ok(Json.write(rows));
        }
        return Reply.ok(BackupRender.list(rows, new SafetyBranch(ws.project()).safetyBranches(), Clocks.now()));
    }

    @Command(command = "select", description = "Select the backup that later commands compare with and restore from")
    public Reply select(@Option(longNames = "id", label = "ID", arity = OptionArity.EXACTLY_ONE, required = true, description = "backup id, or 'latest'") String id) {
        Backup b = new BackupSelect(ws.context()).run(id);
        return Reply.ok("selected backup " + b.id() + (b.manual() ? " (made by hand)" : ""));
    }

    @Command(command = "show", description = "Details of one backup (default: the selected one, else the newest)")
    public Reply show(
            @Option(longNames = "id", label = "ID", arity = OptionArity.EXACTLY_ONE, description = "backup id or 'latest'") String id,
            @Option(longNames = "json", description = OptionHelp.JSON) boolean json) {
        String selected = ws.session().load().selectedBackup();
        Backup b = id == null ? ws.backups().selectedOrLatest(selected) : ws.backups().resolve(id);
        BackupOverview.Row row = overview().show(b, selected);
        return Reply.ok(json ? Json.write(row) : BackupRender.show(row));
    }

    private BackupOverview overview() {
        return overview(ws, console);
    }

    private static BackupOverview overview(Workspace ws, Console console) {
        return new BackupOverview(ws.project(), ws.backups(), () -> ws.plan().plan(), console::info);
    }

    @Command(command = "verify", description = "Re-hash a backup against its manifest: missing, modified, unreadable, extra files (exit 1 if any)")
    public Reply verify(
            @Option(longNames = "id", label = "ID", arity = OptionArity.EXACTLY_ONE, description = "backup id or 'latest' (default: the selected one, else the newest)") String id,
            @Option(longNames = "all", description = "verify every backup") boolean all,
            @Option(longNames = "sample", description = "read only a random P percent of the files (the others: looked for by name), and name them") Double sample,
            @Option(longNames = "json", description = OptionHelp.JSON) boolean json) {
        if (all && id != null) {
            throw RollbackException.badInput("give a backup id or --all, not both");
        }
        BackupVerifier.Report report = new BackupVerify(ws.context()).run(id, all, sample);
        return Reply.of(json ? Json.write(report) : BackupRender.verify(report), !report.ok());
    }

    @Command(command = "prune", description = "Delete old backups, keeping the newest N, the selected one and the newest complete one")
    public Reply prune(
            @Option(longNames = "keep", required = true, description = "how many of the newest backups to keep") int keep,
            @Option(longNames = "dry-run", description = OptionHelp.DRY_RUN_REMOVE) boolean dryRun,
            @Option(longNames = "yes", description = OptionHelp.YES) boolean yes) {
        if (keep < 1) {
            throw RollbackException.badInput("--keep must be 1 or more (how many of the newest backups to keep)");
        }
        BackupPrune.Pruned p = new BackupPrune(ws.context()).run(keep, dryRun, yes, plan -> {
            console.info(BackupRender.prunePlan(plan, true).stripTrailing());
            interaction.confirm("delete " + BackupRender.ids(plan.delete()) + "?", yes, "backup prune --keep " + keep);
        });
        if (p.plan().delete().isEmpty()) {
            return Reply.ok("nothing to prune: every backup is kept (" + String.join(", ", p.plan().keep().keySet()) + ")");
        }
        return Reply.ok(p.deleted() == null ? BackupRender.prunePlan(p.plan(), true) : BackupRender.pruned(p.plan(), p.deleted()));
    }

    private BackupCatalog catalog() {
        return new BackupCatalog(ws.backups());
    }
}
