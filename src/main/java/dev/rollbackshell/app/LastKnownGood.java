package dev.rollbackshell.app;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.diagnose.Diagnosis;
import dev.rollbackshell.diagnose.Suggester;
import dev.rollbackshell.diagnose.Suggestion;
import dev.rollbackshell.git.GitRepo;
import dev.rollbackshell.scratch.KnownGoodSearch;
import dev.rollbackshell.scratch.Prover;

/**
 * The search for the last known good state, shared by {@code diagnose --find-good} and by
 * {@code suggest} when no suggestion heals: searched, recorded in the timeline, and the
 * suggestion it offers told what it would overwrite. The caller holds the project lock.
 */
final class LastKnownGood {

    private LastKnownGood() {
    }

    static KnownGoodSearch.Result search(Context cx, Prover prover, Diagnosis d, Backup b) {
        try (GitRepo git = GitRepo.findReadable(cx.project()).orElse(null)) {
            KnownGoodSearch.Result r = new KnownGoodSearch(prover, cx.plan().plan(), cx.backups(), git, d.testsSkipped(),
                    cx.progress()).search();
            var kg = r.knownGood();
            cx.session().record("find-good", kg.found() ? kg.label() + " (" + kg.tried() + " states tried)"
                    : "no good state among " + kg.tried() + " tried", kg.found() ? 0 : 1);
            if (r.suggestion() == null) {
                return r;
            }
            Suggestion withOverwrites = new Suggester(cx.project(), cx.plan().plan(), b, cx.backups().manifest(b), git)
                    .withOverwrites(r.suggestion());
            return new KnownGoodSearch.Result(kg, withOverwrites);
        }
    }
}
