package dev.rollbackshell.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollbackshell.project.RollbackException;
import dev.rollbackshell.restore.RestoreAction;
import dev.rollbackshell.testing.Athena;
import dev.rollbackshell.testing.GitCli;
import dev.rollbackshell.verify.Verification;
import dev.rollbackshell.verify.Verifier;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** suggest: least invasive first; suggestion 1 heals the break and keeps the good work beside it. */
class SuggesterTest {

    @TempDir
    Path dir;

    private static final String NEW_FEATURE = "def shiny():\n    return 42\n";
    private static final String NEW_TEST = """
            import unittest

            from src.batch_processor.new_feature import shiny


            class TestShiny(unittest.TestCase):
                def test_shiny(self):
                    self.assertEqual(shiny(), 42)
            """;

    /** Phase 1 breakage beside good work: a new module with its test, and an unrelated edit. */
    private AthenaCase brokenWithGoodWork() throws Exception {
        AthenaCase c = AthenaCase.create(dir, true);
        c.write("src/batch_processor/new_feature.py", NEW_FEATURE);
        c.write("tests/test_new_feature.py", NEW_TEST);
        c.replace("src/utils/smart_description_generator.py", "return lambda", "# describes items\n    return lambda");
        c.delete("src/batch_processor/progress_tracker.py");
        c.replace("src/batch_processor/batch_manager.py", "from src.batch_processor.progress_tracker import",
                "from src.progress_tracking.tracker import");
        return c;
    }

    @Test
    void rankedLeastInvasiveFirstAndTheTopOneKeepsGoodWork() throws Exception {
        AthenaCase c = brokenWithGoodWork();
        Diagnosis d = c.diagnose();
        Suggestions s = c.suggest(d);
        assertThat(s.suggestions()).extracting(Suggestion::kind)
                .containsExactly(SuggestionKind.DELETED, SuggestionKind.FILES, SuggestionKind.SCENARIO, SuggestionKind.FOLDER, SuggestionKind.BACKUP);
        assertThat(s.suggestions()).extracting(Suggestion::rank).containsExactly(1, 2, 3, 4, 5);

        // first the deleted file alone (it overwrites nothing), then with its broken importer
        Suggestion deleted = s.get(1);
        assertThat(deleted.paths()).containsExactly("src/batch_processor/progress_tracker.py");
        assertThat(deleted.overwrites()).isEmpty();
        Suggestion top = s.get(2);
        assertThat(top.paths()).containsExactly("src/batch_processor/batch_manager.py", "src/batch_processor/progress_tracker.py");
        assertThat(top.overwrites()).containsExactly("src/batch_processor/batch_manager.py");
        assertThat(top.from()).isEqualTo("backup " + Athena.BACKUP_ID);
        assertThat(top.reason()).contains("named in the failures").contains("Everything else is kept (2 added, 1 other modified files)");
        assertThat(top.actions()).containsExactly(RestoreAction.fromBackup(top.paths(), Athena.BACKUP_ID, false));

        Suggestion scenario = s.get(3);
        assertThat(scenario.scenario()).isEqualTo("1A");
        assertThat(scenario.reason()).startsWith("runbook scenario 1A (Import Errors After Consolidation) matches");
        assertThat(scenario.notes()).anyMatch(n -> n.startsWith("git ref HEAD~1 cannot be used (the project is not a git repository)"));
        assertThat(scenario.paths()).contains("src/batch_processor/progress_tracker.py", "src/iterative_refinement_system.py");

        Suggestion folder = s.get(4);
        assertThat(folder.paths()).containsExactly("src");
        assertThat(folder.overwrites()).containsExactly("src/batch_processor/batch_manager.py",
                "src/utils/smart_description_generator.py");

        Suggestion all = s.get(5);
        assertThat(all.paths()).containsExactly("src", "tests", "data");
        assertThat(all.actions().get(0).exact()).isTrue();
        assertThat(all.overwrites()).contains("src/batch_processor/new_feature.py", "tests/test_new_feature.py",
                "src/utils/smart_description_generator.py");

        // applying suggestion 1 heals the project and the good work is still there
        c.apply(top.actions());
        Verification v = new Verifier(c.project, c.plan(), c.store(), m -> { }).verify(c.backup());
        assertThat(v.ok()).as("%s", v.steps()).isTrue();
        assertThat(v.steps()).allSatisfy(step -> assertThat(step.status()).isEqualTo(Verification.PASSED));
        assertThat(c.read("src/batch_processor/new_feature.py")).isEqualTo(NEW_FEATURE);
        assertThat(c.read("tests/test_new_feature.py")).isEqualTo(NEW_TEST);
        assertThat(c.read("src/utils/smart_description_generator.py")).contains("# describes items");
    }

    @Test
    void aRestoredImporterBringsBackTheDeletedModuleItNeeds() throws Exception {
        AthenaCase c = AthenaCase.create(dir, true);
        // the importer is broken on its own; the module it imported in the backup was deleted too
        c.delete("src/batch_processor/progress_tracker.py");
        c.write("src/batch_processor/batch_manager.py", "from src.batch_processor.tracking import Tracker\n");
        Diagnosis d = c.diagnose(true);
        Suggestion top = c.suggest(d).suggestions().stream().filter(x -> x.kind().equals(SuggestionKind.FILES)).findFirst().orElseThrow();
        assertThat(top.paths()).contains("src/batch_processor/batch_manager.py", "src/batch_processor/progress_tracker.py");
    }

    @Test
    void whenNoTracebackNamesAFileTheImportsOfTheFailingTestDo() throws Exception {
        AthenaCase c = AthenaCase.create(dir, true);
        c.replace("src/batch_processor/scaling_predictor.py", "sum(history) // max(1, len(history))", "min(history)");
        c.write("src/ai_analysis/notes_manager.py", c.read("src/ai_analysis/notes_manager.py") + "\n# reviewed\n");
        Suggestions s = c.suggest(c.diagnose());
        Suggestion top = s.get(1);
        assertThat(top.kind()).isEqualTo(SuggestionKind.FILES);
        assertThat(top.paths()).containsExactly("src/batch_processor/scaling_predictor.py");
        assertThat(top.reason()).contains("imported by the failing tests");
        assertThat(s.get(2).scenario()).isEqualTo("2A");
    }

    @Test
    void performanceRegressionSuggestsTheScenarioWithItsGlobExpanded() throws Exception {
        AthenaCase c = AthenaCase.create(dir, true);
        c.replace("src/batch_processor/scaling_manager.py", "return performance.get('batch_size', 0) > 40",
                "time.sleep(0.004)\n        return performance.get('batch_size', 0) > 40");
        Suggestions s = c.suggest(c.diagnose(true));
        Suggestion top = s.get(1);
        assertThat(top.kind()).isEqualTo(SuggestionKind.SCENARIO);
        assertThat(top.scenario()).isEqualTo("2C");
        assertThat(top.paths()).containsExactly("src/batch_processor/scaling_manager.py", "src/batch_processor/scaling_predictor.py");
        assertThat(top.overwrites()).containsExactly("src/batch_processor/scaling_manager.py");
    }

    @Test
    void safetyBranchIsTheLastResortAndGitRefsOfScenariosAreUsedWhenTheyExist() throws Exception {
        AthenaCase c = AthenaCase.create(dir, true);
        GitCli git = GitCli.init(dir);
        c.write(".gitignore", "redundancy_reduction_backups/\n.rollback/\n");
        git.commitAll("one");
        c.write("src/iterative_refinement_system.py", c.read("src/iterative_refinement_system.py") + "\n# two\n");
        git.commitAll("two");
        git.run("branch", "redundancy_reduction_phase_1_backup");
        c.delete("src/batch_processor/progress_tracker.py");
        c.write("src/batch_processor/new_feature.py", NEW_FEATURE);
        Suggestions s = c.suggest(c.diagnose(true));
        Suggestion last = s.suggestions().get(s.suggestions().size() - 1);
        assertThat(last.kind()).isEqualTo(SuggestionKind.GIT);
        assertThat(last.from()).isEqualTo("git redundancy_reduction_phase_1_backup");
        assertThat(last.paths()).containsExactly("src", "tests", "data");
        assertThat(last.overwrites()).containsExactly("src/batch_processor/new_feature.py");
        Suggestion scenario = s.suggestions().stream().filter(x -> "1A".equals(x.scenario())).findFirst().orElseThrow();
        assertThat(scenario.from()).isEqualTo("backup " + Athena.BACKUP_ID + " + git HEAD~1");
        // HEAD~1 predates the '# two' edit: restoring iterative_refinement_system.py from it would replace that edit
        assertThat(scenario.overwrites()).contains("src/iterative_refinement_system.py");
    }

    @Test
    void nothingToSuggestWhenHealthyAndUnknownRanksAreRefused() throws Exception {
        AthenaCase c = AthenaCase.create(dir, true);
        Suggestions s = c.suggest(c.diagnose(true));
        assertThat(s.suggestions()).isEmpty();
        assertThat(s.note()).contains("healthy");
        assertThatThrownBy(() -> s.get(1)).isInstanceOf(RollbackException.class).hasMessageContaining("no suggestions");
    }

    @Test
    void unknownRankNamesTheValidOnes() throws Exception {
        AthenaCase c = AthenaCase.create(dir, true);
        c.delete("src/ai_analysis/notes_integration.py");
        Suggestions s = c.suggest(c.diagnose(true));
        assertThatThrownBy(() -> s.get(9)).hasMessageContaining("no suggestion 9; choose 1 to " + s.suggestions().size());
    }

    @Test
    void scenarioActionsExpandGlobsAndRefuseUnknownIds() throws Exception {
        AthenaCase c = AthenaCase.create(dir, true);
        var b = c.backup();
        ScenarioActions sa = new ScenarioActions(c.plan().plan(), b, c.store().manifest(b), null);
        ScenarioRestore r = sa.forScenario("3c");
        assertThat(r.id()).isEqualTo("3C");
        assertThat(r.paths()).containsExactly("src/iterative_refinement_system.py", "src/batch_processor/feedback_loop.py",
                "src/ai_analysis/notes_integration.py", "src/ai_analysis/notes_manager.py");
        assertThat(r.confirm().id()).isEqualTo("3C-workflow");
        ScenarioRestore oneC = sa.forScenario("1C");
        assertThat(oneC.stopProcesses()).isTrue();
        assertThat(oneC.actions()).containsExactly(RestoreAction.fromBackup(List.of("src/batch_processor",
                "src/progress_tracking", "data"), Athena.BACKUP_ID, false));
        ScenarioRestore nuclear = sa.forScenario("nuclear");
        assertThat(nuclear.actions()).containsExactly(RestoreAction.fromBackup(List.of("src", "tests"), Athena.BACKUP_ID, true));
        assertThat(nuclear.clean()).isTrue();
        assertThatThrownBy(() -> sa.forScenario("1D")).isInstanceOf(RollbackException.class)
                .hasMessageContaining("no scenario 1D").hasMessageContaining("did you mean");
    }
}
