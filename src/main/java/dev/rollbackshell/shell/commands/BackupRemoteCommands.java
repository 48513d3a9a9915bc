package dev.rollbackshell.shell.commands;

import dev.rollbackshell.app.BackupRemote;
import dev.rollbackshell.project.Clocks;
import dev.rollbackshell.backup.BackupLayout;
import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.history.FileHistory;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.project.RollbackException;
import dev.rollbackshell.remote.RemoteBackups;
import dev.rollbackshell.shell.Reply;
import dev.rollbackshell.shell.Workspace;
import dev.rollbackshell.shell.render.RemoteRender;
import java.util.ArrayList;
import java.util.List;
import org.springframework.shell.command.CommandRegistration.OptionArity;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** {@code backup push|fetch} (backups through git remotes) and {@code backup log PATH}. */
@Command(command = "backup", group = "Backups")
public class BackupRemoteCommands {

    private final Workspace ws;

    public BackupRemoteCommands(Workspace ws) {
        this.ws = ws;
    }

    @Command(command = "push", description = "Push backups (default: the selected one) and their safety branches to a git remote (default origin) as refs/rollback/backups/<id>")
    public Reply push(
            @Option(longNames = "args", label = "[REMOTE] [ID...]", arity = OptionArity.ZERO_OR_MORE, description = "[REMOTE] [ID...]: a remote name, URL or path, then backup ids") String[] args,
            @Option(longNames = "all", arity = OptionArity.ZERO, description = "push every complete backup") boolean all,
            @Option(longNames = "json", arity = OptionArity.ZERO, description = OptionHelp.JSON) boolean json) {
        Targets t = Targets.of(args);
        RemoteBackups.PushReport r = new BackupRemote(ws.context()).push(t.remote(), t.ids(), all);
        return Reply.ok(json ? Json.write(r) : RemoteRender.pushed(r));
    }

    /** {@code backup push [REMOTE] [ID...]}: the remote (null: origin) and the backup ids. */
    private record Targets(String remote, List<String> ids) {

        static Targets of(String[] args) {
            String remote = null;
            List<String> ids = new ArrayList<>();
            for (String a : args == null ? new String[0] : args) {
                if (BackupLayout.isBackupId(a) || BackupStore.LATEST.equals(a)) {
                    ids.add(a);
                } else if (remote == null && ids.isEmpty()) {
                    remote = a;
                } else {
                    throw RollbackException.badInput("'" + a + "' is not a backup id; give 'backup push [REMOTE] [ID...]'"
                            + " ('backup list' shows the ids)");
                }
            }
            return new Targets(remote, ids);
        }
    }

    @Command(command = "fetch", description = "Bring back every backup a git remote (default origin) holds and this project lacks, each file checked against its manifest (exit 1 if one does not match)")
    public Reply fetch(
            @Option(longNames = "remote", arity = OptionArity.ZERO_OR_ONE, description = "a remote name, URL or path (default origin)") String remote,
            @Option(longNames = "json", arity = OptionArity.ZERO, description = OptionHelp.JSON) boolean json) {
        RemoteBackups.FetchReport r = new BackupRemote(ws.context()).fetch(remote);
        return Reply.of(json ? Json.write(r) : RemoteRender.fetched(r), !r.ok());
    }

    @Command(command = "log", description = "Every version of one file across the backups and the git history, newest first: size, SHA-256, identical versions, the current one")
    public Reply log(
            @Option(longNames = "path", label = "PATH", arity = OptionArity.EXACTLY_ONE, required = true, description = "a file of the project, e.g. src/batch_processor/progress_tracker.py") String path,
            @Option(longNames = "json", arity = OptionArity.ZERO, description = OptionHelp.JSON) boolean json) {
        FileHistory.Log log = FileHistory.of(ws.project(), ws.backups(), path);
        return Reply.ok(json ? Json.write(log) : RemoteRender.log(log));
    }

    /** {@code backup list --remote [REMOTE]}: what a remote holds, nothing fetched. */
    static Reply listRemote(Workspace ws, String remote, boolean json) {
        RemoteBackups.RemoteListing l = new BackupRemote(ws.context()).list(remote);
        return Reply.ok(json ? Json.write(l) : RemoteRender.remoteList(l, Clocks.now()));
    }
}
