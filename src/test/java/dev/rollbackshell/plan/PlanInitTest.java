package dev.rollbackshell.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.check.CheckSuite;
import dev.rollbackshell.check.CommandRunner;
import dev.rollbackshell.check.TestOutcome;
import dev.rollbackshell.check.TestRun;
import dev.rollbackshell.check.TestRunner;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.RollbackException;
import dev.rollbackshell.testing.Athena;
import dev.rollbackshell.testing.Fixtures;
import dev.rollbackshell.testing.TestFiles;
import dev.rollbackshell.verify.Verification;
import dev.rollbackshell.verify.Verifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanInitTest {

    @TempDir
    Path dir;

    private Plan init() {
        PlanInit.write(Project.at(dir), false);
        return new PlanLoader(Project.at(dir)).active().plan();
    }

    @Test
    void srcLayoutPackageImportsTheWorkingTree() throws Exception {
        Fixtures.srcLayoutPython(dir);
        Plan p = init();
        String text = TestFiles.read(dir, "rollback-plan.yml");
        assertThat(text).contains("src/ layout: PYTHONPATH=src").contains("PYTHONPATH: \"src\"");
        assertThat(p.foldersOrDefault()).containsExactly("src", "tests");
        assertThat(p.envOrEmpty()).containsEntry("PYTHONPATH", "src");
        assertThat(p.tests().runner()).isEqualTo("unittest");
        assertThat(p.importsOrEmpty().get(0).imports()).containsExactly("inventory", "inventory.pricing", "inventory.stock");
        assertThat(p.scenarios()).isEmpty();
        // the plan works: imports and tests pass against the working tree; other steps say they are not configured
        Verification v = new Verifier(Project.at(dir), new PlanLoader(Project.at(dir)).active(), new BackupStore(Project.at(dir)),
                m -> { }).verify(null);
        assertThat(v.ok()).as("%s", v.steps()).isTrue();
        assertThat(v.steps()).extracting(Verification.Step::status).containsExactly("passed", "not-configured", "not-configured",
                "not-configured", "passed");
        // without the plan's PYTHONPATH the tests could not import the package at all
        assertThat(CommandRunner.run(List.of("python3", "-c", "import inventory"), dir, Map.of(), 30).ok()).isFalse();
    }

    @Test
    void aModuleThatFailsToImportHereTodayIsLeftOutOfTheImportCheckWithWhy() throws Exception {
        Fixtures.srcLayoutPython(dir);
        TestFiles.write(dir, "src/inventory/windows_only.py", "import winreg_not_on_this_machine\n");
        PlanInit.Result r = PlanInit.write(Project.at(dir), false, dev.rollbackshell.check.ImportTrial::failing);
        assertThat(r.leftOut()).containsOnlyKeys("inventory.windows_only");
        assertThat(r.leftOut().get("inventory.windows_only")).isEqualTo(
                "ModuleNotFoundError: No module named 'winreg_not_on_this_machine'");
        String text = TestFiles.read(dir, "rollback-plan.yml");
        assertThat(text).contains("# Left out: modules that fail to import here today")
                .contains("#   \"inventory.windows_only\": ModuleNotFoundError: No module named 'winreg_not_on_this_machine'");
        Plan p = new PlanLoader(Project.at(dir)).active().plan();
        assertThat(p.importsOrEmpty().get(0).imports()).containsExactly("inventory", "inventory.pricing", "inventory.stock");
        // the plan's import check passes on the project as it is: nothing fires on an old failure
        Verification v = new Verifier(Project.at(dir), new PlanLoader(Project.at(dir)).active(), new BackupStore(Project.at(dir)),
                m -> { }).verify(null);
        assertThat(v.steps().get(0).status()).isEqualTo("passed");
    }

    @Test
    void everyModuleFailingLeavesTheImportCheckAsACommentedExample() throws Exception {
        TestFiles.write(dir, "pyproject.toml", "[project]\nname = \"broken\"\nversion = \"1.0\"\n");
        TestFiles.write(dir, "broken/__init__.py", "raise RuntimeError('needs a license server')\n");
        PlanInit.Result r = PlanInit.write(Project.at(dir), false, dev.rollbackshell.check.ImportTrial::failing);
        assertThat(r.leftOut()).containsKey("broken");
        assertThat(r.text()).contains("RuntimeError: needs a license server").contains("# imports:\n#   - id: modules");
        assertThat(new PlanLoader(Project.at(dir)).active().plan().importsOrEmpty()).isEmpty();
    }

    @Test
    void flatPackageWithPytestConfiguration() throws Exception {
        Fixtures.flatPython(dir);
        Plan p = init();
        assertThat(p.foldersOrDefault()).containsExactly("shapes", "tests", "data");
        assertThat(p.envOrEmpty()).containsEntry("PYTHONPATH", ".");
        assertThat(p.tests().runner()).isEqualTo("pytest");
        assertThat(p.importsOrEmpty().get(0).imports()).containsExactly("shapes", "shapes.area");
        assertThat(p.dataOrEmpty()).extracting(DataCheck::glob).containsExactly("data/results/*.json");
        assertThat(p.logFile()).isEqualTo("logs/app.log");
        assertThat(p.processPattern()).startsWith("python.*");
        // pytest runs when installed, unittest otherwise: either way the test passes
        TestRun run = TestRunner.run(p, dir, CheckSuite.environment(p), m -> { });
        assertThat(run.tests()).extracting(TestOutcome::status).containsOnly("passed");
        assertThat(run.tests()).isNotEmpty();
    }

    @Test
    void pytestMissingFallsBackToUnittest() throws Exception {
        // a pytest that cannot be imported, first on the path: as if it were not installed
        TestFiles.write(dir, "fakepy/pytest/__init__.py", "raise ImportError('no pytest here')\n");
        TestFiles.write(dir, "tests/test_u.py", "import unittest\nclass T(unittest.TestCase):\n    def test_u(self):\n        pass\n");
        TestFiles.write(dir, "rollback-plan.yml", "env: {PYTHONPATH: \"fakepy:.\"}\npython: python3\ntests: {runner: pytest}\n");
        Plan p = new PlanLoader(Project.at(dir)).active().plan();
        TestRun run = TestRunner.run(p, dir, CheckSuite.environment(p), m -> { });
        assertThat(run.runner()).isEqualTo("unittest");
        assertThat(run.note()).contains("pytest is not installed");
        assertThat(run.tests()).extracting(TestOutcome::id).containsExactly("test_u.T.test_u");
    }

    @Test
    void mavenProjectRunsItsTestsWithTheWrapperAndReadsSurefireReports() throws Exception {
        Fixtures.maven(dir);
        Plan p = init();
        assertThat(p.tests().runner()).isEqualTo("maven");
        assertThat(p.tests().command()).containsExactly("./mvnw", "-q", "-B", "test");
        assertThat(p.tests().reports()).isEqualTo("target/surefire-reports");
        assertThat(p.foldersOrDefault()).containsExactly("src");
        assertThat(p.envOrEmpty()).isEmpty();
        TestRun run = TestRunner.run(p, dir, CheckSuite.environment(p), m -> { });
        assertThat(run.tests()).extracting(TestOutcome::id)
                .containsExactlyInAnyOrder("demo.CalcTest.adds", "demo.CalcTest.addsNegatives", "demo.CalcTest.greets");
        assertThat(run.ok()).isTrue();
    }

    @Test
    void mavenWithoutAWrapperUsesMavenAndApacheRatGetsTheExcludesToAdd() throws Exception {
        Fixtures.maven(dir);
        Files.deleteIfExists(dir.resolve("mvnw"));
        Files.writeString(dir.resolve("pom.xml"), Files.readString(dir.resolve("pom.xml"))
                .replace("</project>", "<!-- <artifactId>apache-rat-plugin</artifactId> -->\n</project>"));
        PlanInit.Result r = PlanInit.write(Project.at(dir), false);
        assertThat(r.detection().testCommand()).containsExactly("mvn", "-q", "-B", "test");
        assertThat(String.join("\n", r.detection().notes())).contains("Apache RAT")
                .contains("<exclude>redundancy_reduction_backups/**</exclude>").contains("rollback-plan.yml");
    }

    @Test
    void gradleProjectRunsItsOwnWrapperAndReadsItsReports() throws Exception {
        Files.writeString(dir.resolve("build.gradle"), "plugins { id 'java' }\n");
        Files.createDirectories(dir.resolve("src/main/java"));
        TestFiles.write(dir, "gradlew", "#!/bin/sh\n");
        Plan p = init();
        assertThat(p.tests().runner()).isEqualTo("command");
        assertThat(p.tests().command()).containsExactly("./gradlew", "test", "-q");
        assertThat(p.tests().reports()).isEqualTo("build/test-results/test");
        assertThat(p.foldersOrDefault()).containsExactly("src");
        Files.delete(dir.resolve("gradlew"));
        assertThat(PlanInit.write(Project.at(dir), true).detection().testCommand()).containsExactly("gradle", "test", "-q");
    }

    @Test
    void npmProjectIsDetected() throws Exception {
        Fixtures.npm(dir);
        Plan p = init();
        assertThat(p.tests().runner()).isEqualTo("npm");
        assertThat(p.tests().command()).containsExactly("npm", "test");
        assertThat(p.foldersOrDefault()).containsExactly("src", "test");
        assertThat(p.processPattern()).startsWith("node.*");
    }

    @Test
    void theRunbooksOwnProjectExtendsTheBuiltInPlan() throws Exception {
        Athena.create(dir);
        TestFiles.write(dir, "rollback-plan.yml", "");
        PlanInit.write(Project.at(dir), true);
        ActivePlan a = new PlanLoader(Project.at(dir)).active();
        assertThat(TestFiles.read(dir, "rollback-plan.yml")).contains("extends: runbook");
        assertThat(a.plan().scenarios()).hasSize(9);
        assertThat(a.plan().tests().runner()).isEqualTo("unittest");
    }

    @Test
    void anUnknownProjectGetsAPlanThatLoadsAndSaysWhatToFillIn() throws Exception {
        TestFiles.write(dir, "README", "hello");
        Plan p = init();
        assertThat(p.tests()).isNull();
        assertThat(TestFiles.read(dir, "rollback-plan.yml")).contains("# tests:\n#   runner: command");
    }

    @Test
    void refusesToOverwriteWithoutForce() throws Exception {
        Fixtures.flatPython(dir);
        TestFiles.write(dir, "rollback-plan.yml", "name: mine\n");
        assertThatThrownBy(() -> PlanInit.write(Project.at(dir), false))
                .isInstanceOf(RollbackException.class)
                .satisfies(e -> assertThat(((RollbackException) e).exitStatus()).isEqualTo(2))
                .hasMessageContaining("already exists").hasMessageContaining("init --force");
        assertThat(TestFiles.read(dir, "rollback-plan.yml")).isEqualTo("name: mine\n");
        PlanInit.Result r = PlanInit.write(Project.at(dir), true);
        assertThat(r.replaced()).isTrue();
        assertThat(TestFiles.read(dir, "rollback-plan.yml")).contains("runner: pytest");
    }
}
