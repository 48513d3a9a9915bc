package dev.rollbackshell.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.RollbackException;
import dev.rollbackshell.testing.TestFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanLoaderTest {

    @TempDir
    Path dir;

    @Test
    void builtInPlanIsTheWholeRunbook() {
        Plan p = PlanLoader.builtIn();
        assertThat(p.scenarios()).extracting(Scenario::id)
                .containsExactly("1A", "1B", "1C", "2A", "2B", "2C", "3A", "3B", "3C");
        assertThat(p.phasesOrEmpty()).extracting(Phase::title)
                .containsExactly("Progress Tracking", "Scaling Optimization", "Minor Consolidations");
        assertThat(p.foldersOrDefault()).containsExactly("src", "tests", "data");
        assertThat(p.logFile()).isEqualTo("data/logs/system.log");
        assertThat(p.processPattern()).isEqualTo("python.*athena");
        assertThat(p.cleanOrDefault()).containsExactly("**/*.pyc", "**/__pycache__");
        assertThat(p.performance().threshold()).isEqualTo(50.0);
        assertThat(p.importsOrEmpty().get(0).imports()).contains("src.iterative_refinement_system:IterativeRefinementSystem");
        assertThat(p.functionalityOrEmpty().get(0).python()).contains("create_mock_data_loader", "create_mock_generator");
        assertThat(p.componentStatus()).contains("src/batch_processor/progress_tracker.py");
        assertThat(p.nuclear().when()).hasSize(4);
        assertThat(p.validationOrDefault()).extracting(ValidationStep::id).containsExactlyElementsOf(ValidationStep.IDS);
        assertThat(p.scenario("1a")).get().extracting(s -> s.restore().get(1).ref()).isEqualTo("HEAD~1");
        assertThat(p.scenario("2C").orElseThrow().restore().get(0).paths()).containsExactly("src/batch_processor/scaling_*.py");
        assertThat(p.scenarios()).allSatisfy(s -> assertThat(s.signals()).anyMatch(Signal::symptom));
        assertThat(p.safetyBranchFor(2)).isEqualTo("redundancy_reduction_phase_2_backup");
    }

    @Test
    void withoutAFileTheBuiltInPlanIsActive() {
        ActivePlan a = new PlanLoader(Project.at(dir)).active();
        assertThat(a.builtIn()).isTrue();
        assertThat(a.source()).contains("built-in");
    }

    @Test
    void projectPlanIsLoadedAndCanExtendTheRunbook() throws Exception {
        TestFiles.write(dir, "rollback-plan.yml", """
                extends: runbook
                protectedFolders: [src, tests]
                env: {EXTRA: "1"}
                tests:
                  runner: unittest
                """);
        ActivePlan a = new PlanLoader(Project.at(dir)).active();
        assertThat(a.source()).isEqualTo("rollback-plan.yml (extends the built-in runbook)");
        assertThat(a.plan().foldersOrDefault()).containsExactly("src", "tests");
        assertThat(a.plan().tests().runner()).isEqualTo("unittest");
        assertThat(a.plan().scenarios()).hasSize(9);
        assertThat(a.plan().envOrEmpty()).containsEntry("PYTHONPATH", ".").containsEntry("EXTRA", "1");
    }

    @Test
    void aPlanWithoutExtendsLeavesSectionsNotConfigured() throws Exception {
        TestFiles.write(dir, "rollback-plan.yml", "name: small\ntests: {runner: unittest}\n");
        Plan p = new PlanLoader(Project.at(dir)).active().plan();
        assertThat(p.scenarios()).isEmpty();
        assertThat(p.performance()).isNull();
        assertThat(p.foldersOrDefault()).containsExactly("src", "tests", "data");
    }

    @Test
    void syntaxErrorNamesFileLineAndColumn() throws Exception {
        TestFiles.write(dir, "rollback-plan.yml", "name: x\ntests:\n  runner: [unclosed\n");
        assertThatThrownBy(() -> new PlanLoader(Project.at(dir)).active())
                .isInstanceOf(RollbackException.class)
                .satisfies(e -> assertThat(((RollbackException) e).exitStatus()).isEqualTo(2))
                .hasMessageMatching("rollback-plan\\.yml:\\d+:\\d+: .*fix the plan.*");
    }

    @Test
    void unknownKeyIsRefusedWithItsPositionAndTheNearestName() throws Exception {
        TestFiles.write(dir, "rollback-plan.yml", "name: x\nperformance:\n  python: pass\n  tresholdPercent: 20\n");
        assertThatThrownBy(() -> new PlanLoader(Project.at(dir)).active())
                .hasMessageStartingWith("rollback-plan.yml:4:3: unknown key 'tresholdPercent'")
                .hasMessageContaining("thresholdPercent");
    }

    @Test
    void brokenRuleNamesItsPosition() throws Exception {
        TestFiles.write(dir, "rollback-plan.yml", """
                name: x
                phases:
                  - phase: 1
                    scenarios:
                      - id: 1A
                        title: t
                        restore:
                          - from: tape
                            paths: [src/a.py]
                """);
        assertThatThrownBy(() -> new PlanLoader(Project.at(dir)).active())
                .hasMessageMatching("rollback-plan\\.yml:8:\\d+: restore step: from must be 'backup' or 'git', not 'tape'.*");
    }

    @Test
    void pathsLeavingTheProjectAreRefused() throws Exception {
        TestFiles.write(dir, "rollback-plan.yml", "protectedFolders: [src, ../etc]\n");
        assertThatThrownBy(() -> new PlanLoader(Project.at(dir)).active())
                .hasMessageContaining("rollback-plan.yml:1:").hasMessageContaining("must stay inside the project");
    }

    @Test
    void duplicateScenarioIdsAreRefusedAtTheSecond() throws Exception {
        TestFiles.write(dir, "rollback-plan.yml", """
                phases:
                  - phase: 1
                    scenarios:
                      - id: 1A
                        title: a
                      - id: 1A
                        title: b
                """);
        assertThatThrownBy(() -> new PlanLoader(Project.at(dir)).active())
                .hasMessageStartingWith("rollback-plan.yml:6:1: scenario id 1A appears twice");
    }

    @Test
    void wrongTypeIsRefused() throws Exception {
        TestFiles.write(dir, "rollback-plan.yml", "protectedFolders: src\ntests: {runner: nose}\n");
        assertThatThrownBy(() -> new PlanLoader(Project.at(dir)).active())
                .hasMessageStartingWith("rollback-plan.yml:");
    }

    @Test
    void reloadsWhenTheFileChanges() throws Exception {
        PlanLoader loader = new PlanLoader(Project.at(dir));
        TestFiles.write(dir, "rollback-plan.yml", "name: one\n");
        assertThat(loader.active().plan().name()).isEqualTo("one");
        TestFiles.write(dir, "rollback-plan.yml", "name: second\n");
        assertThat(loader.active().plan().name()).isEqualTo("second");
    }
}
