package dev.rollbackshell.shell.commands;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.diagnose.Diagnoser;
import dev.rollbackshell.diagnose.Diagnosis;
import dev.rollbackshell.diagnose.Suggester;
import dev.rollbackshell.diagnose.Suggestion;
import dev.rollbackshell.scratch.Escalation;
import dev.rollbackshell.scratch.KnownGoodSearch;
import java.util.ArrayList;
import java.util.List;
import dev.rollbackshell.scratch.Prover;
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
            @Option(longNames = "find-good", description = "also search the last known good state (backups, then git history)")
            boolean findGood,
            @Option(longNames = "json", description = "one JSON document on stdout") boolean json) {
        var plan = ws.plan(); // a malformed plan is refused before anything else
        try (var lock = ws.lock("diagnose")) {
            Backup backup = ws.backups().selectedOrLatest(ws.session().load().selectedBackup());
            Diagnosis diagnosis = new Diagnoser(ws.project(), plan, ws.backups(), console::info).diagnose(backup, skipTests, fresh);
            ws.session().update(s -> s.withDiagnosis(Json.MAPPER.valueToTree(diagnosis)));
            ws.session().recordChecked("diagnose", summary(diagnosis), diagnosis.healthy() ? 0 : 1, diagnosis.tree());
            Diagnosis d = diagnosis;
            if (findGood) {
                KnownGoodSearch.Result kg = findGood(ws, console, new Prover(ws.project(), plan, ws.backups(), console::info),
                        diagnosis, backup);
                d = diagnosis.withKnownGood(kg.knownGood());
                Diagnosis kept = d;
                Suggestions offered = new Suggestions(kg.suggestion() == null ? List.of() : List.of(kg.suggestion().withRank(1)),
                        backup.id(), d.at(), kg.suggestion() == null ? "no known good state found" : null, kg.knownGood(), null, null);
                ws.session().update(s -> s.withDiagnosis(Json.MAPPER.valueToTree(kept)).withSuggestions(Json.MAPPER.valueToTree(offered)));
            }
            String text = json ? Json.write(d) : DiagnosisRenderer.render(d, console) + knownGoodText(d.knownGood());
            return Reply.of(text, !d.healthy());
        }
    }

    private static String knownGoodText(Suggestions.KnownGood kg) {
        if (kg == null) {
            return "";
        }
        String head = kg.found() ? "LAST KNOWN GOOD STATE: " + kg.label() + "; 'restore suggestion 1' restores it"
                : "NO KNOWN GOOD STATE: none of the states tried passes its checks";
        StringBuilder b = new StringBuilder("\n").append(head).append(String.format(java.util.Locale.ROOT,
                " (%d states tried in scratch copies, %.1fs)%n", kg.tried(), kg.seconds()));
        kg.steps().forEach(st -> b.append("  - ").append(st).append('\n'));
        return b.toString();
    }

    /** Searches the last known good state for diagnosis {@code d}; the suggestion it offers says what it would overwrite. */
    static KnownGoodSearch.Result findGood(Workspace ws, Console console, Prover prover, Diagnosis d, Backup b) {
        try (GitRepo git = GitRepo.findReadable(ws.project()).orElse(null)) {
            KnownGoodSearch.Result r = new KnownGoodSearch(prover, ws.plan().plan(), ws.backups(), git, d.testsSkipped(),
                    console::info).search();
            ws.session().record("find-good", r.knownGood().found() ? r.knownGood().label() + " (" + r.knownGood().tried()
                    + " states tried)" : "no good state among " + r.knownGood().tried() + " tried", r.knownGood().found() ? 0 : 1);
            if (r.suggestion() == null) {
                return r;
            }
            Suggestion withOverwrites = new Suggester(ws.project(), ws.plan().plan(), b, ws.backups().manifest(b), git)
                    .withOverwrites(r.suggestion());
            return new KnownGoodSearch.Result(r.knownGood(), withOverwrites);
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

    @Command(command = "suggest", description = "Ranked rollback actions for the latest diagnosis, each proven in a scratch copy;"
            + " exit 1 if none heals")
    public Reply suggest(
            @Option(longNames = "no-prove", description = "do not prove: today's fast, unproven list") boolean noProve,
            @Option(longNames = "prove", description = "'all': prove every suggestion, not only until one heals") String prove,
            @Option(longNames = "json", description = "one JSON document on stdout") boolean json) {
        Prover.Mode mode = mode(noProve, prove);
        try (var lock = ws.lock("suggest")) {
            Suggestions s = computeSuggestions(ws, console, Diagnosis.fromSession(ws.session().load()), mode);
            return Reply.of(json ? Json.write(s) : SuggestionRenderer.render(s, console), s.escalate() != null);
        }
    }

    static Prover.Mode mode(boolean noProve, String prove) {
        if (prove != null && !prove.isBlank() && !prove.equals("all")) {
            throw RollbackException.badInput("--prove takes 'all' (prove every suggestion), not '" + prove
                    + "'; or give --no-prove for an unproven list");
        }
        if (noProve && prove != null && !prove.isBlank()) {
            throw RollbackException.badInput("--no-prove and --prove all contradict each other; give one of them");
        }
        return noProve ? Prover.Mode.NONE : prove != null && !prove.isBlank() ? Prover.Mode.ALL : Prover.Mode.UNTIL_HEALED;
    }

    /**
     * The suggestions for diagnosis {@code d}, proven as {@code mode} says, kept in the
     * session and the timeline: what {@code suggest} prints, and what {@code restore
     * suggestion N} computes when {@code suggest} was not run. The caller holds the lock.
     */
    static Suggestions computeSuggestions(Workspace ws, Console console, Diagnosis d, Prover.Mode mode) {
        Backup b = ws.backups().find(d.backup()).orElseThrow(() -> RollbackException.badInput("backup " + d.backup()
                + " of the latest diagnosis no longer exists; run 'diagnose' again"));
        Suggestions s;
        try (GitRepo git = GitRepo.findReadable(ws.project()).orElse(null)) {
            s = new Suggester(ws.project(), ws.plan().plan(), b, ws.backups().manifest(b), git).suggest(d);
        }
        Prover prover = new Prover(ws.project(), ws.plan(), ws.backups(), console::info);
        s = prover.prove(s, d, mode);
        boolean healed = s.suggestions().stream().anyMatch(x -> x.proof().heals());
        if (mode != Prover.Mode.NONE && !healed && !s.suggestions().isEmpty()) {
            console.info("suggest: no suggestion heals; searching the last known good state");
            KnownGoodSearch.Result kg = findGood(ws, console, prover, d, b);
            List<Suggestion> ranked = new ArrayList<>();
            if (kg.suggestion() != null) {
                ranked.add(kg.suggestion().withRank(1));
            }
            s.suggestions().forEach(x -> ranked.add(x.withRank(ranked.size() + 1)));
            s = s.with(ranked, kg.knownGood(), null, s.proving());
        }
        s = Escalation.of(s, mode);
        Suggestions kept = s;
        ws.session().update(st -> st.withSuggestions(Json.MAPPER.valueToTree(kept)));
        Suggestion top = s.suggestions().isEmpty() ? null : s.suggestions().get(0);
        ws.session().record("suggest", s.suggestions().size() + " suggestions"
                + (top == null ? "" : "; 1: " + top.kind() + " " + top.paths() + ", " + top.proof().text())
                + (s.escalate() == null ? "" : "; none heals: escalate"), s.escalate() == null ? 0 : 1);
        return s;
    }
}
