package dev.rollbackshell.shell.commands;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.diagnose.Diagnosis;
import dev.rollbackshell.diagnose.ScenarioActions;
import dev.rollbackshell.diagnose.ScenarioRestore;
import dev.rollbackshell.diagnose.Suggestion;
import dev.rollbackshell.diagnose.Suggestions;
import dev.rollbackshell.git.GitRepo;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.project.Interruption;
import dev.rollbackshell.restore.ActionRestore;
import dev.rollbackshell.restore.RestoreReport;
import dev.rollbackshell.shell.Console;
import dev.rollbackshell.shell.Interaction;
import dev.rollbackshell.shell.Reply;
import dev.rollbackshell.shell.Workspace;
import dev.rollbackshell.shell.render.RestoreActionText;
import dev.rollbackshell.verify.Verification;
import dev.rollbackshell.verify.Verifier;
import java.util.List;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/**
 * {@code restore suggestion N} and {@code restore scenario ID}: the diagnosis's and the
 * runbook's restore actions, applied through the journal as one undoable entry.
 */
@Command(command = "restore", group = "Restore")
public class RestoreActionCommands {

    /** What {@code restore suggestion --json} and {@code restore scenario --json} print. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Outcome(String applied, List<RestoreReport> restores, Verification verification, List<String> worse,
            List<String> notes) {
    }

    private final Workspace ws;
    private final Console console;
    private final Interaction interaction;

    public RestoreActionCommands(Workspace ws, Console console, Interaction interaction) {
        this.ws = ws;
        this.console = console;
        this.interaction = interaction;
    }

    @Command(command = "suggestion", description = "Apply suggestion N of 'suggest', then verify; 'undo' reverts it")
    public Reply suggestion(
            @Option(longNames = "rank", label = "N", required = true, description = "the suggestion's number in 'suggest'") int rank,
            @Option(longNames = "dry-run", description = "say what would be written and removed; change nothing") boolean dryRun,
            @Option(longNames = "yes", description = "go ahead without asking") boolean yes,
            @Option(longNames = "json", description = "one JSON document on stdout") boolean json) {
        var state = ws.session().load();
        Suggestion s = suggestions(state).get(rank);
        if (s.proof().status() == dev.rollbackshell.diagnose.Proof.Status.FAILS) {
            console.warn("suggestion " + rank + " was tried in a scratch copy and does not heal the project ("
                    + s.proof().text() + ")");
        }
        String label = "suggestion " + rank + " (" + s.kind() + " from " + s.from() + ")";
        if (!dryRun && !s.overwrites().isEmpty()) {
            interaction.confirm("Apply " + label + ", overwriting " + s.overwrites().size()
                    + " files ('undo' can revert it)?", yes, "restore suggestion " + rank);
        }
        List<RestoreReport> reports = apply("restore-suggestion", label, s.actions(), dryRun);
        if (dryRun) {
            return render(new Outcome(label, reports, null, null, s.notes()), json);
        }
        boolean shown = showRestored(new Outcome(label, reports, null, null, s.notes()), json);
        Verification v = verifyAfter(reports);
        List<String> worse = Verifier.worseThan(Diagnosis.fromSession(state), v);
        return render(new Outcome(label, reports, v, worse, s.notes()), json, shown);
    }

    /**
     * The session's suggestions; right after {@code diagnose} (no {@code suggest} since), they
     * are computed and proven now, as {@code suggest} would.
     */
    private Suggestions suggestions(dev.rollbackshell.session.SessionState state) {
        boolean none = state.suggestions() == null || state.suggestions().isNull();
        if (!none || state.diagnosis() == null || state.diagnosis().isNull()) {
            return Suggestions.fromSession(state);
        }
        console.info("restore suggestion: no 'suggest' since the latest diagnosis; working the suggestions out and proving"
                + " them now");
        try (var lock = ws.lock("suggest")) {
            return DiagnoseCommands.computeSuggestions(ws, console, Diagnosis.fromSession(state),
                    dev.rollbackshell.scratch.Prover.Mode.UNTIL_HEALED);
        }
    }

    @Command(command = "scenario", description = "Restore what one runbook scenario restores (see 'plan scenarios'), then run its check")
    public Reply scenario(
            @Option(longNames = "id", label = "ID", required = true, description = "scenario id such as 1A, or 'nuclear'") String id,
            @Option(longNames = "dry-run", description = "say what would be written and removed; change nothing") boolean dryRun,
            @Option(longNames = "yes", description = "go ahead without asking (the nuclear option asks)") boolean yes,
            @Option(longNames = "json", description = "one JSON document on stdout") boolean json) {
        Backup backup = ws.backups().selectedOrLatest(ws.session().load().selectedBackup());
        ScenarioRestore sc;
        try (GitRepo git = GitRepo.findReadable(ws.project()).orElse(null)) {
            sc = new ScenarioActions(ws.plan().plan(), backup, ws.backups().manifest(backup), git).forScenario(id);
        }
        String label = "scenario " + sc.id() + " (" + sc.title() + ")";
        if (!dryRun && "nuclear".equalsIgnoreCase(sc.id())) {
            interaction.confirm("Apply the nuclear option: " + String.join(", ", sc.paths()) + " exactly like backup "
                    + backup.id() + " ('undo' can revert it)?", yes, "restore scenario nuclear");
        }
        List<RestoreReport> reports = apply("restore-scenario", label, sc.actions(), dryRun);
        if (dryRun) {
            return render(new Outcome(label, reports, null, null, sc.notes()), json);
        }
        boolean shown = showRestored(new Outcome(label, reports, null, null, List.of()), json);
        Verification v = verifyAfter(reports);
        Outcome o = new Outcome(label, reports, v, null, sc.nextSteps(!v.ok()));
        if (shown) {
            return Reply.of(RestoreActionText.verified(o, console, o.notes()), !v.ok());
        }
        return render(o, json);
    }

    private List<RestoreReport> apply(String kind, String label, List<dev.rollbackshell.diagnose.RestoreAction> actions,
            boolean dryRun) {
        ActionRestore restore = new ActionRestore(RestoreCommands.restorer(ws, console));
        if (dryRun) {
            return restore.apply(kind, label, actions, true);
        }
        try (var lock = ws.lock(kind)) {
            List<RestoreReport> reports = restore.apply(kind, label, actions, false);
            ws.session().recordChange("restore", label + ": " + RestoreActionText.totals(reports), 0,
                    reports.stream().mapToInt(r -> r.summary().written() + r.summary().removed()).sum());
            return reports;
        }
    }

    /** Prints what was restored now, so it comes before verify's progress; false with --json (one document at the end). */
    private boolean showRestored(Outcome restored, boolean json) {
        if (json) {
            return false;
        }
        console.out().print(RestoreActionText.restored(restored));
        console.out().flush();
        return true;
    }

    /** Verify after a restore; Ctrl-C during it leaves the restore in place and says so. */
    private Verification verifyAfter(List<RestoreReport> reports) {
        try {
            return VerifyCommands.run(ws, console);
        } catch (Interruption.Interrupted e) {
            throw new Interruption.Interrupted("interrupted during verify; the restore is done ("
                    + RestoreActionText.totals(reports) + ", 'undo' reverts it), no verification recorded; run 'verify'");
        }
    }

    private Reply render(Outcome o, boolean json) {
        return render(o, json, false);
    }

    private Reply render(Outcome o, boolean json, boolean restoredShown) {
        boolean problem = o.verification() != null && !o.verification().ok();
        String text = json ? Json.write(o)
                : restoredShown ? RestoreActionText.verified(o, console) : RestoreActionText.render(o, console);
        return Reply.of(text, problem);
    }
}
