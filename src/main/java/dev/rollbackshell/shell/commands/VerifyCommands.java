package dev.rollbackshell.shell.commands;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.shell.Console;
import dev.rollbackshell.shell.Reply;
import dev.rollbackshell.shell.Workspace;
import dev.rollbackshell.shell.render.VerificationRenderer;
import dev.rollbackshell.verify.Verification;
import dev.rollbackshell.verify.Verifier;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** {@code verify}: the runbook's five validation steps after a rollback. */
@Command(group = "Diagnosis")
public class VerifyCommands {

    private final Workspace ws;
    private final Console console;

    public VerifyCommands(Workspace ws, Console console) {
        this.ws = ws;
        this.console = console;
    }

    @Command(command = "verify", description = "Run the runbook's validation steps, compared with the baseline; exit 1 if one failed")
    public Reply verify(
            @Option(longNames = "fresh", description = "run every check again, even on a tree they already ran on") boolean fresh,
            @Option(longNames = "json", description = "one JSON document on stdout") boolean json) {
        Verification v = run(ws, console, fresh);
        return Reply.of(json ? Json.write(v) : VerificationRenderer.render(v, console), !v.ok());
    }

    /** Runs the validation steps against the selected backup, keeps the result, records it (also after a restore). */
    public static Verification run(Workspace ws, Console console) {
        return run(ws, console, false);
    }

    /** The same; {@code fresh}: every check runs again, even when the cache holds results for this tree. */
    public static Verification run(Workspace ws, Console console, boolean fresh) {
        var plan = ws.plan(); // a malformed plan is refused before anything else
        try (var lock = ws.lock("verify")) {
            Backup backup = ws.backups().list().isEmpty() ? null
                    : ws.backups().selectedOrLatest(ws.session().load().selectedBackup());
            Verification v = new Verifier(ws.project(), plan, ws.backups(), console::info).verify(backup, fresh);
            Verifier.store(ws.project(), v);
            ws.session().recordChecked("verify", (v.ok() ? "ok: " : "FAILED: ") + v.summary() + (v.cached() ? " (checks from the cache)" : ""), v.ok() ? 0 : 1,
                    v.tree());
            return v;
        }
    }
}
