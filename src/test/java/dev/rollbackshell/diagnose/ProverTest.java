package dev.rollbackshell.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.restore.RestoreAction;
import dev.rollbackshell.scratch.Escalation;
import dev.rollbackshell.scratch.Prover;
import dev.rollbackshell.scratch.ScratchCopyTest;
import dev.rollbackshell.testing.Athena;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proving suggestions in scratch copies: ranking by proof, the project only read, escalation when nothing heals. */
class ProverTest {

    @TempDir
    Path dir;

    private AthenaCase phase1Break() throws Exception {
        AthenaCase c = AthenaCase.create(dir, true);
        c.write("src/batch_processor/new_feature.py", "def shiny():\n    return 42\n");
        c.delete("src/batch_processor/progress_tracker.py");
        c.replace("src/batch_processor/batch_manager.py", "from src.batch_processor.progress_tracker import",
                "from src.progress_tracking.tracker import");
        return c;
    }

    private Prover prover(AthenaCase c) {
        return new Prover(c.project, c.plan(), c.store(), c.progress::add);
    }

    @Test
    void afterProvingHealersComeFirstThenTheUntriedThenTheProvenFailuresEachLeastInvasiveFirst() {
        Proof heals = new Proof(Proof.Status.HEALS, List.of(), 1.0, "all 5 checked triggers quiet");
        Proof fails = new Proof(Proof.Status.FAILS, List.of("startup-failed"), 1.0, "still failing: startup-failed");
        Proof untried = Proof.notTried("not tried: a less invasive suggestion heals");
        List<Suggestion> proven = List.of(candidate(1, "deleted", fails), candidate(2, "files", heals),
                candidate(3, "scenario", untried), candidate(4, "folder", fails), candidate(5, "backup", untried),
                candidate(6, "git", heals));
        assertThat(Prover.rank(proven)).extracting(x -> x.kind().word())
                .containsExactly("files", "git", "scenario", "backup", "deleted", "folder");
        assertThat(Prover.rank(proven)).extracting(Suggestion::rank).containsExactly(1, 2, 3, 4, 5, 6);
    }

    private static Suggestion candidate(int rank, String kind, Proof proof) {
        return new Suggestion(rank, SuggestionKind.of(kind), List.of("src/" + kind + ".py"), "backup " + Athena.BACKUP_ID, null, kind,
                List.of(), List.of(), List.of(), proof);
    }

    @Test
    void aProvenHealerOutranksAProvenFailureAndTheProjectIsOnlyRead() throws Exception {
        AthenaCase c = phase1Break();
        Diagnosis d = c.diagnose(true);
        Suggestions real = c.suggest(d);
        // the files suggestion (the deleted file alone, before it, cannot heal: batch_manager.py imports a module that is not there)
        Suggestion healer = real.suggestions().stream().filter(x -> x.kind().equals(SuggestionKind.FILES)).findFirst().orElseThrow();
        // a less invasive candidate that cannot heal: it restores a file that was not broken
        Suggestion decoy = new Suggestion(0, SuggestionKind.FILES, List.of("src/utils/data_loader.py"), "backup " + Athena.BACKUP_ID,
                null, "decoy", List.of(), List.of(RestoreAction.fromBackup(List.of("src/utils/data_loader.py"), Athena.BACKUP_ID,
                        false)), null);
        List<Suggestion> list = new ArrayList<>();
        list.add(decoy.withRank(1));
        list.add(healer.withRank(2));
        Suggestions given = new Suggestions(list, real.backup(), real.diagnosedAt(), null);

        TreeMap<String, String> before = ScratchCopyTest.everything(dir);
        Suggestions proven = prover(c).prove(given, d, Prover.Mode.UNTIL_HEALED);
        assertThat(ScratchCopyTest.everything(dir)).isEqualTo(before);
        assertThat(dir.resolve(".rollback/scratch")).doesNotExist();

        assertThat(proven.suggestions()).extracting(Suggestion::rank).containsExactly(1, 2);
        Suggestion first = proven.get(1);
        assertThat(first.paths()).isEqualTo(healer.paths());
        assertThat(first.proof().status()).isEqualTo(Proof.Status.HEALS);
        assertThat(first.proof().seconds()).isNotNull();
        Suggestion second = proven.get(2);
        assertThat(second.reason()).isEqualTo("decoy");
        assertThat(second.proof().status()).isEqualTo(Proof.Status.FAILS);
        assertThat(second.proof().fired()).contains("startup-failed");
        assertThat(second.proof().text()).startsWith("still failing: ");
        assertThat(proven.proving().proven()).isEqualTo(2);
        assertThat(Escalation.of(proven, Prover.Mode.UNTIL_HEALED).escalate()).isNull();
        assertThat(c.progress).anyMatch(m -> m.startsWith("prove 1/2: ")).anyMatch(m -> m.startsWith("prove 2/2: "));
    }

    @Test
    void provingStopsAtTheFirstHealerUnlessAllAreAskedFor() throws Exception {
        AthenaCase c = phase1Break();
        Diagnosis d = c.diagnose(true);
        Suggestions s = c.suggest(d);
        assertThat(s.suggestions()).hasSizeGreaterThanOrEqualTo(4);

        Suggestions until = prover(c).prove(s, d, Prover.Mode.UNTIL_HEALED);
        assertThat(until.get(1).proof().status()).isEqualTo(Proof.Status.HEALS);
        // two lanes: at most one other was proven beside the healer, and a proven failure is ranked last
        List<Suggestion> rest = until.suggestions().subList(1, until.suggestions().size());
        assertThat(rest.stream().filter(x -> x.proof().status() != Proof.Status.NOT_TRIED)).hasSizeLessThanOrEqualTo(1);
        assertThat(rest.subList(0, rest.size() - 1))
                .allSatisfy(x -> assertThat(x.proof().status()).isEqualTo(Proof.Status.NOT_TRIED));

        Suggestions none = prover(c).prove(s, d, Prover.Mode.NONE);
        assertThat(none.suggestions()).allSatisfy(x -> assertThat(x.proof().status()).isEqualTo(Proof.Status.NOT_TRIED));
        assertThat(none.suggestions()).extracting(Suggestion::paths).isEqualTo(s.suggestions().stream().map(Suggestion::paths).toList());
    }

    @Test
    void whenNothingHealsTheSuggestionsSayEscalateWithWhatWasTried() throws Exception {
        AthenaCase c = phase1Break();
        Diagnosis d = c.diagnose(true);
        Suggestion decoy = new Suggestion(1, SuggestionKind.FILES, List.of("src/utils/data_loader.py"), "backup " + Athena.BACKUP_ID,
                null, "decoy", List.of(), List.of(RestoreAction.fromBackup(List.of("src/utils/data_loader.py"), Athena.BACKUP_ID,
                        false)), null);
        Suggestions s = new Suggestions(List.of(decoy), Athena.BACKUP_ID, d.at(), null);
        Suggestions proven = Escalation.of(prover(c).prove(s, d, Prover.Mode.UNTIL_HEALED), Prover.Mode.UNTIL_HEALED);
        assertThat(proven.escalate()).isNotNull();
        assertThat(proven.escalate().reason()).contains("no rollback heals the project");
        assertThat(proven.escalate().tried()).singleElement().asString().contains("still failing: ");
        // unproven lists never escalate: nothing was tried
        assertThat(Escalation.of(prover(c).prove(s, d, Prover.Mode.NONE), Prover.Mode.NONE).escalate()).isNull();
    }
}
