package dev.rollbackshell.app;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.diagnose.Diagnoser;
import dev.rollbackshell.diagnose.Diagnosis;
import dev.rollbackshell.diagnose.Suggestions;
import dev.rollbackshell.scratch.KnownGoodSearch;
import dev.rollbackshell.scratch.Prover;
import java.util.List;

/**
 * {@code diagnose}: the runbook's triggers against the selected backup (or the latest),
 * under the project lock; the diagnosis is kept in the session and recorded in the timeline.
 * With {@code findGood}, the last known good state is searched too, and the suggestion that
 * restores it becomes the session's suggestion 1.
 */
public final class Diagnose {

    private final Context cx;

    public Diagnose(Context cx) {
        this.cx = cx;
    }

    /** The diagnosis (with {@code knownGood} when {@code findGood}); {@code fresh}: no check results from the cache. */
    public Diagnosis run(boolean skipTests, boolean fresh, boolean findGood) {
        var plan = cx.plan(); // a malformed plan is refused before anything else
        try (var lock = cx.lock("diagnose")) {
            Backup backup = cx.backups().selectedOrLatest(cx.session().load().selectedBackup());
            Diagnosis diagnosis = new Diagnoser(cx.project(), plan, cx.backups(), cx.progress()).diagnose(backup, skipTests, fresh);
            cx.session().update(s -> s.withDiagnosis(diagnosis));
            cx.session().recordChecked("diagnose", summary(diagnosis), diagnosis.healthy() ? 0 : 1, diagnosis.tree());
            if (!findGood) {
                return diagnosis;
            }
            KnownGoodSearch.Result kg = LastKnownGood.search(cx, new Prover(cx.project(), plan, cx.backups(), cx.progress()),
                    diagnosis, backup);
            Diagnosis d = diagnosis.withKnownGood(kg.knownGood());
            Suggestions offered = new Suggestions(kg.suggestion() == null ? List.of() : List.of(kg.suggestion().withRank(1)),
                    backup.id(), d.at(), kg.suggestion() == null ? "no known good state found" : null, kg.knownGood(), null, null);
            cx.session().update(s -> s.withDiagnosis(d).withSuggestions(offered));
            return d;
        }
    }

    /** The timeline's line: "fired T1, T3 against backup B; scenario 3B; named src/x.py". */
    static String summary(Diagnosis d) {
        if (d.healthy()) {
            return "healthy against backup " + d.backup();
        }
        return "fired " + String.join(", ", d.fired().stream().map(Diagnosis.Trigger::id).toList()) + " against backup "
                + d.backup() + (d.scenarios().isEmpty() ? "" : "; scenario " + d.scenarios().get(0).id())
                + (d.implicated().isEmpty() ? "" : "; named " + String.join(", ", d.implicated()));
    }
}
