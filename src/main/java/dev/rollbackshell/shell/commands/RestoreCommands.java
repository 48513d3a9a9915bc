package dev.rollbackshell.shell.commands;

import dev.rollbackshell.app.RestoreFiles;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.restore.RestoreReport;
import dev.rollbackshell.restore.UndoWords;
import dev.rollbackshell.shell.Interaction;
import dev.rollbackshell.shell.Reply;
import dev.rollbackshell.shell.Workspace;
import dev.rollbackshell.shell.render.RestoreText;
import java.util.List;
import org.springframework.shell.command.CommandRegistration.OptionArity;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** {@code restore file} and {@code restore all}: journalled, so {@code undo} reverts them. */
@Command(command = "restore", group = "Restore")
public class RestoreCommands {

    private final Workspace ws;
    private final Interaction interaction;

    public RestoreCommands(Workspace ws, Interaction interaction) {
        this.ws = ws;
        this.interaction = interaction;
    }

    @Command(command = "file", description = "Restore files or folders from the selected backup, another one (--from) or git (--git); " + UndoWords.REVERTS)
    public Reply file(
            @Option(longNames = "paths", label = "PATH...", arity = OptionArity.ONE_OR_MORE, required = true, description = "files or folders of the project, e.g. src/batch_processor/progress_tracker.py") String[] paths,
            @Option(longNames = "from", arity = OptionArity.EXACTLY_ONE, description = "backup id, or 'latest' (default: the selected backup)") String from,
            @Option(longNames = "git", arity = OptionArity.EXACTLY_ONE, description = "git ref to restore from: HEAD~1, a branch such as redundancy_reduction_phase_1_backup, a tag, a commit id") String git,
            @Option(longNames = "exact", arity = OptionArity.ZERO, description = "folders: also remove files the source does not have") boolean exact,
            @Option(longNames = "dry-run", arity = OptionArity.ZERO, description = OptionHelp.DRY_RUN) boolean dryRun,
            @Option(longNames = "force", arity = OptionArity.ZERO, description = "restore a backup copy even when it does not match the backup's manifest") boolean force,
            @Option(longNames = "checksum", arity = OptionArity.ZERO, description = "compare files by content, not by size and time (slower; sees an edit that kept both)") boolean checksum,
            @Option(longNames = "json", arity = OptionArity.ZERO, description = OptionHelp.JSON) boolean json) {
        RestoreReport report = new RestoreFiles(ws.context()).files(List.of(paths), exact,
                new RestoreFiles.Options(from, git, dryRun, force, checksum));
        return reply(report, json);
    }

    @Command(command = "all", description = "The nuclear option: every protected folder exactly like the backup or git ref, then clean; " + UndoWords.REVERTS)
    public Reply all(
            @Option(longNames = "from", arity = OptionArity.EXACTLY_ONE, description = "backup id, or 'latest' (default: the selected backup)") String from,
            @Option(longNames = "git", arity = OptionArity.EXACTLY_ONE, description = "git ref to restore from, e.g. redundancy_reduction_phase_1_backup") String git,
            @Option(longNames = "only", arity = OptionArity.EXACTLY_ONE, description = "restore only this folder (inside a protected folder)") String only,
            @Option(longNames = "dry-run", arity = OptionArity.ZERO, description = OptionHelp.DRY_RUN) boolean dryRun,
            @Option(longNames = "yes", arity = OptionArity.ZERO, description = OptionHelp.YES) boolean yes,
            @Option(longNames = "force", arity = OptionArity.ZERO, description = "restore backup copies even when they do not match the manifest") boolean force,
            @Option(longNames = "checksum", arity = OptionArity.ZERO, description = "compare files by content, not by size and time (slower; sees an edit that kept both)") boolean checksum,
            @Option(longNames = "json", arity = OptionArity.ZERO, description = OptionHelp.JSON) boolean json) {
        RestoreReport report = new RestoreFiles(ws.context()).all(only, new RestoreFiles.Options(from, git, dryRun, force,
                checksum), plan -> {
                    RestoreReport.Summary s = plan.report().summary();
                    interaction.confirm("Make " + String.join(", ", plan.report().paths()) + " exactly like "
                            + plan.report().source().description() + " (write " + s.written() + ", remove " + s.removed()
                            + " files; " + UndoWords.CAN_REVERT + ")?", yes, "restore all");
                });
        return reply(report, json);
    }

    private static Reply reply(RestoreReport r, boolean json) {
        boolean problem = !r.problems().isEmpty();
        return Reply.of(json ? Json.write(r) : RestoreText.report(r), problem);
    }
}
