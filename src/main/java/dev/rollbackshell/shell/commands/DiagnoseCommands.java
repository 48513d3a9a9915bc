package dev.rollbackshell.shell.commands;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.diagnose.Diagnoser;
import dev.rollbackshell.diagnose.Diagnosis;
import dev.rollbackshell.diagnose.Suggester;
import dev.rollbackshell.diagnose.Suggestions;
import dev.rollbackshell.git.GitRepo;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.project.RollbackException;
import dev.rollbackshell.shell.Console;
import dev.rollbackshell.shell.Reply;
import dev.rollbackshell.shell.Workspace;
import dev.rollbackshell.shell.render.DiagnosisRenderer;
import dev.rollbackshell.shell.render.SuggestionRenderer;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** {@code diagnose}, {@code suggest}: the runbook's triggers, then ranked rollback actions. */
@Command(group = "Diagnosis")
public class DiagnoseCommands {

    private final Workspace ws;
    private final Console console;

    public DiagnoseCommands(Workspace ws, Console console) {
        this.ws = ws;
        this.console = console;
    }

    @Command(command = "diagnose", description = "Evaluate every rollback trigger against the selected backup; exit 1 if one fired")
    public Reply diagnose(
            @Option(longNames = "skip-tests", description = "do not run the test suite") boolean skipTests,
            @Option(longNames = "fresh", description = "run every check again, even on a tree they already ran on") boolean fresh,
            @Option(longNames = "json", description = "one JSON document on stdout") boolean json) {
        var plan = ws.plan(); // a malformed plan is refused before anything else
        try (var lock = ws.lock("diagnose")) {
            Backup backup = ws.backups().selectedOrLatest(ws.session().load().selectedBackup());
            Diagnosis d = new Diagnoser(ws.project(), plan, ws.backups(), console::info).diagnose(backup, skipTests, fresh);
            ws.session().update(s -> s.withDiagnosis(Json.MAPPER.valueToTree(d)));
            ws.session().recordChecked("diagnose", summary(d), d.healthy() ? 0 : 1, d.tree());
            return Reply.of(json ? Json.write(d) : DiagnosisRenderer.render(d, console), !d.healthy());
        }
    }

    static String summary(Diagnosis d) {
        if (d.healthy()) {
            return "healthy against backup " + d.backup();
        }
        return "fired " + String.join(", ", d.fired().stream().map(Diagnosis.Trigger::id).toList()) + " against backup "
                + d.backup() + (d.scenarios().isEmpty() ? "" : "; scenario " + d.scenarios().get(0).id())
                + (d.implicated().isEmpty() ? "" : "; named " + String.join(", ", d.implicated()));
    }

    @Command(command = "suggest", description = "Ranked rollback actions for the latest diagnosis, least invasive first")
    public Reply suggest(@Option(longNames = "json", description = "one JSON document on stdout") boolean json) {
        try (var lock = ws.lock("suggest")) {
            Diagnosis d = Diagnosis.fromSession(ws.session().load());
            Backup b = ws.backups().find(d.backup()).orElseThrow(() -> RollbackException.badInput("backup " + d.backup()
                    + " of the latest diagnosis no longer exists; run 'diagnose' again"));
            GitRepo git = GitRepo.findReadable(ws.project()).orElse(null);
            Suggestions s;
            try {
                s = new Suggester(ws.project(), ws.plan().plan(), b, ws.backups().manifest(b), git).suggest(d);
            } finally {
                if (git != null) {
                    git.close();
                }
            }
            ws.session().update(st -> st.withSuggestions(Json.MAPPER.valueToTree(s)));
            ws.session().record("suggest", s.suggestions().size() + " suggestions"
                    + (s.suggestions().isEmpty() ? "" : "; 1: " + s.suggestions().get(0).kind() + " " + s.suggestions().get(0).paths()), 0);
            return Reply.ok(json ? Json.write(s) : SuggestionRenderer.render(s, console));
        }
    }
}
