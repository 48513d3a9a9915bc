package dev.rollbackshell.app;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.diagnose.Diagnosis;
import dev.rollbackshell.diagnose.Suggester;
import dev.rollbackshell.diagnose.Suggestion;
import dev.rollbackshell.diagnose.Suggestions;
import dev.rollbackshell.git.GitRepo;
import dev.rollbackshell.project.RollbackException;
import dev.rollbackshell.scratch.Escalation;
import dev.rollbackshell.scratch.KnownGoodSearch;
import dev.rollbackshell.scratch.Prover;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code suggest}: ranked rollback actions for the session's latest diagnosis, proven in
 * scratch copies as the mode says; when none heals, the last known good state is searched
 * and offered first, and the result says whether to escalate. Kept in the session and
 * recorded in the timeline, under the project lock. {@code restore suggestion N} runs it
 * when {@code suggest} was not run since the diagnosis.
 */
public final class Suggest {

    private final Context cx;

    public Suggest(Context cx) {
        this.cx = cx;
    }

    /** The suggestions for the session's latest diagnosis; refuses (exit 2) when there is none. */
    public Suggestions run(Prover.Mode mode) {
        try (var lock = cx.lock("suggest")) {
            return suggest(cx.session().load().requireDiagnosis(), mode);
        }
    }

    private Suggestions suggest(Diagnosis d, Prover.Mode mode) {
        Backup b = cx.backups().find(d.backup()).orElseThrow(() -> RollbackException.badInput("backup " + d.backup()
                + " of the latest diagnosis no longer exists; run 'diagnose' again"));
        Suggestions s;
        try (GitRepo git = GitRepo.findReadable(cx.project()).orElse(null)) {
            s = new Suggester(cx.project(), cx.plan().plan(), b, cx.backups().manifest(b), git).suggest(d);
        }
        Prover prover = new Prover(cx.project(), cx.plan(), cx.backups(), cx.progress());
        s = prover.prove(s, d, mode);
        boolean healed = s.suggestions().stream().anyMatch(x -> x.proof().heals());
        if (mode != Prover.Mode.NONE && !healed && !s.suggestions().isEmpty()) {
            cx.progress().say("suggest: no suggestion heals; searching the last known good state");
            KnownGoodSearch.Result kg = LastKnownGood.search(cx, prover, d, b);
            List<Suggestion> ranked = new ArrayList<>();
            if (kg.suggestion() != null) {
                ranked.add(kg.suggestion().withRank(1));
            }
            s.suggestions().forEach(x -> ranked.add(x.withRank(ranked.size() + 1)));
            s = s.with(ranked, kg.knownGood(), null, s.proving());
        }
        Suggestions kept = Escalation.of(s, mode);
        cx.session().update(st -> st.withSuggestions(kept));
        Suggestion top = kept.suggestions().isEmpty() ? null : kept.suggestions().get(0);
        cx.session().record("suggest", kept.suggestions().size() + " suggestions"
                + (top == null ? "" : "; 1: " + top.kind() + " " + top.paths() + ", " + top.proof().text())
                + (kept.escalate() == null ? "" : "; none heals: escalate"), kept.escalate() == null ? 0 : 1);
        return kept;
    }
}
