package dev.rollbackshell.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.backup.Changes;
import dev.rollbackshell.plan.PlanLoader;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.scratch.Prover;
import dev.rollbackshell.testing.Athena;
import dev.rollbackshell.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules that shape the candidates (issue 8, item 3): what was deleted together comes back
 * together; deleted files alone before their importers; files that no longer parse; the
 * compiler's and Surefire's evidence in Maven projects; every trigger's files together.
 */
class CandidateRulesTest {

    @TempDir
    Path dir;

    private static final Changes CHANGES = new Changes(List.of("src/new.py"), List.of("src/x.py"), List.of(
            "src/pkg/__init__.py", "src/pkg/a.py", "src/pkg/sub/b.py", "src/other.py", "src/m.py", "src/m.pyi", "src/s.pyi",
            "src/s.py"));

    @Test
    void aDeletedPackageComesBackWholeAndAModuleWithItsStubEitherWay() {
        Map<String, String> t = FilesCandidate.deletedTogether(Set.of("src/pkg/__init__.py", "src/m.py", "src/s.pyi"), CHANGES);
        assertThat(t.keySet()).containsExactlyInAnyOrder("src/pkg/a.py", "src/pkg/sub/b.py", "src/m.pyi", "src/s.py");
        assertThat(t.get("src/pkg/a.py")).contains("deleted with the package src/pkg/");
        assertThat(t.get("src/m.pyi")).isEqualTo("it was deleted together with src/m.py");
    }

    @Test
    void onlyDeletedFilesWidenTheCandidateAndAnUnrelatedDeletionStaysOut() {
        assertThat(FilesCandidate.deletedTogether(Set.of("src/x.py"), CHANGES)).isEmpty();
        assertThat(FilesCandidate.deletedTogether(Set.of("src/pkg/a.py"), CHANGES)).isEmpty();
        assertThat(FilesCandidate.deletedTogether(Set.of("src/pkg/__init__.py"), CHANGES)).doesNotContainKey("src/other.py");
    }

    @Test
    void theDeletedFilesNamedComeFirstAloneOnlyWhenTheyAreNotAllThereIs() {
        assertThat(DeletedFilesAlone.deletedFirst(List.of("src/x.py", "src/m.py"), CHANGES)).containsExactly("src/m.py");
        // all named are deleted: the files candidate is the same, no separate one
        assertThat(DeletedFilesAlone.deletedFirst(List.of("src/m.py", "src/other.py"), CHANGES)).isEmpty();
        assertThat(DeletedFilesAlone.deletedFirst(List.of("src/x.py"), CHANGES)).isEmpty();
    }

    @Test
    void bringingBackADeletedModuleHealsAndItsImportersGoodEditSurvives() throws Exception {
        AthenaCase c = AthenaCase.create(dir, true);
        String importer = "src/batch_processor/batch_manager.py";
        String deleted = "src/batch_processor/progress_tracker.py";
        c.write(importer, "\"\"\"Batch manager: runs batches and tracks their progress.\"\"\"\n" + c.read(importer));
        String edited = c.read(importer);
        c.delete(deleted);
        Diagnosis d = c.diagnose(true);
        assertThat(d.implicated()).contains(importer, deleted);

        Suggestions s = c.suggest(d);
        assertThat(s.get(1).kind()).isEqualTo(SuggestionKind.DELETED);
        assertThat(s.get(1).paths()).containsExactly(deleted);
        assertThat(s.get(1).overwrites()).isEmpty();
        assertThat(s.get(1).reason()).startsWith("bring back the deleted files named in the failures, alone: " + deleted)
                .contains("kept as they are (" + importer + ")");
        assertThat(s.get(2).kind()).isEqualTo(SuggestionKind.FILES);
        assertThat(s.get(2).paths()).contains(importer, deleted);

        Suggestions proven = new Prover(c.project, c.plan(), c.store(), c.progress::add).prove(s, d, Prover.Mode.UNTIL_HEALED);
        Suggestion first = proven.get(1);
        assertThat(first.kind()).isEqualTo(SuggestionKind.DELETED);
        assertThat(first.proof().status()).isEqualTo(Proof.Status.HEALS);
        assertThat(first.paths()).doesNotContain(importer);
        c.apply(first.actions());
        assertThat(c.read(importer)).isEqualTo(edited);
        assertThat(c.diagnose(true).healthy()).isTrue();
    }

    @Test
    void changedFilesThatNoLongerParseAreNamedWithTheLineOfTheError() throws Exception {
        Path backup = dir.resolve("backup");
        Path root = dir.resolve("project");
        for (Path p : List.of(backup, root)) {
            TestFiles.write(p, "src/ok.py", "x = 1\n");
            TestFiles.write(p, "src/broken.py", "def f():\n    return 1\n");
            TestFiles.write(p, "src/py2.py", "print 'never parsed'\n");
            TestFiles.write(p, "data/a.json", "{\"a\": [1, 2]}\n");
            TestFiles.write(p, "conf/c.yaml", "a: 1\nb:\n  - x\n");
        }
        TestFiles.write(root, "src/broken.py", "def f():\n    return 1\n\ndef g(:\n    pass\n");
        TestFiles.write(root, "src/py2.py", "print 'still not python 3'\n");
        TestFiles.write(root, "data/a.json", "{\"a\": [1, 2}\n");
        TestFiles.write(root, "conf/c.yaml", "a: 1\nb:\n  - x\n  c: [\n");
        TestFiles.write(root, "src/new.py", "class C\n");
        var plan = new PlanLoader(Project.at(root)).active().plan();
        Map<String, String> errors = ParseErrors.find(plan, root, List.of("src/ok.py", "src/broken.py", "src/py2.py",
                "data/a.json", "conf/c.yaml", "src/new.py"), f -> f.equals("src/new.py") ? null : backup.resolve(f));
        assertThat(errors.keySet()).containsExactlyInAnyOrder("src/broken.py", "data/a.json", "conf/c.yaml", "src/new.py");
        assertThat(errors.get("src/broken.py")).startsWith("line 4: SyntaxError: ");
        assertThat(errors.get("src/new.py")).startsWith("line 1: SyntaxError: ");
        assertThat(errors.get("data/a.json")).startsWith("line 1: Unexpected close marker '}'");
        assertThat(errors.get("conf/c.yaml")).startsWith("line ");
    }

    @Test
    void aDiagnosisImplicatesTheFileThatNoLongerParses() throws Exception {
        AthenaCase c = AthenaCase.create(dir, true);
        c.replace("src/utils/data_loader.py", "def ", "def broken(:\n    pass\n\ndef ");
        Diagnosis d = c.diagnose(true);
        assertThat(d.implicatedBy().get("src/utils/data_loader.py")).matches("does not parse \\(line \\d+: SyntaxError: .*\\),"
                + " modified since the backup");
    }

    @Test
    void mavensCompilerErrorsAndSurefiresStackFramesNameTheFilesUnderTheProject() throws Exception {
        Path root = dir.resolve("calc");
        List<String> files = List.of("pom.xml", "src/main/java/org/example/calc/Adder.java",
                "src/main/java/org/example/calc/Calculator.java", "src/test/java/org/example/calc/CalculatorTest.java");
        for (String f : files) {
            TestFiles.write(root, f, "");
        }
        FileReferences refs = new FileReferences(root, List.of(), List.of(""), Set.copyOf(files));
        // real output of 'mvn -B test' on a tiny library whose Adder.add was renamed, captured at /tmp/i8mvn
        Map<String, String> compile = refs.find(captured("compile-error.txt", root));
        assertThat(compile).containsEntry("src/main/java/org/example/calc/Calculator.java", "compiler error line 9")
                .containsEntry("src/main/java/org/example/calc/Adder.java", "the compiler's error is about Adder");
        // and after a division by zero put into Adder.add: Surefire's console and its XML report
        Map<String, String> test = refs.find(captured("test-error.txt", root));
        assertThat(test).containsEntry("src/main/java/org/example/calc/Adder.java", "stack trace line 5")
                .containsEntry("src/main/java/org/example/calc/Calculator.java", "stack trace line 9")
                .containsEntry("src/test/java/org/example/calc/CalculatorTest.java", "stack trace line 10");
        Path xml = dir.resolve("report.xml");
        Files.writeString(xml, captured("surefire-error.xml", root));
        var outcomes = dev.rollbackshell.check.JUnitXml.read(xml);
        assertThat(outcomes).singleElement().satisfies(t -> assertThat(refs.find(t.detail()))
                .containsKey("src/main/java/org/example/calc/Adder.java"));
        // Gradle's javac and kotlinc say it their way
        assertThat(refs.find(root + "/src/main/java/org/example/calc/Calculator.java:9: error: cannot find symbol\n"))
                .containsEntry("src/main/java/org/example/calc/Calculator.java", "compiler error line 9");
    }

    private static String captured(String name, Path root) throws Exception {
        try (var in = CandidateRulesTest.class.getResourceAsStream("/maven/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).replace("/tmp/i8mvn", root.toString());
        }
    }

    @Test
    void everyTriggersFilesTogetherWhenTheyLieInMoreThanOneFolder() {
        Set<String> restorable = Set.of("src/a.py", "src/b.py", "data/d.json");
        List<String> folders = List.of("src", "tests", "data");
        assertThat(EveryTriggersFiles.combined(List.of("data/d.json"), List.of("src/a.py"), restorable, List.of("data/d.json"), folders))
                .containsExactly("data/d.json", "src/a.py");
        // one folder only, or nothing more than the files candidate: no combined candidate
        assertThat(EveryTriggersFiles.combined(List.of("src/b.py"), List.of("src/a.py"), restorable, List.of("src/b.py"), folders)).isEmpty();
        assertThat(EveryTriggersFiles.combined(List.of("data/d.json", "src/a.py"), List.of(), restorable,
                List.of("data/d.json", "src/a.py"), folders)).isEmpty();
    }

    @Test
    void theCombinedCandidateComesAfterTheFilesOneAndRestoresCodeAndDataTogether() throws Exception {
        AthenaCase c = AthenaCase.create(dir, true);
        c.replace("src/utils/data_loader.py", "def ", "# changed\ndef ");
        c.write("data/metrics/run_001.json", "[1, 2,");
        Changes changes = Diagnoser.changes(c.project, c.plan().plan(), c.store().manifest(c.backup()));
        Diagnosis d = new Diagnosis(false, Athena.BACKUP_ID, List.of(new Diagnosis.Trigger("data-damaged", true, List.of("x")),
                new Diagnosis.Trigger("tests-regressed", true, List.of("y"))), changes, List.of("data/metrics/run_001.json"),
                List.of(), Instant.now(), "built-in", "backup", List.of(), Map.of("data/metrics/run_001.json", "damaged data"),
                List.of("src/utils/data_loader.py"), List.of(), null, false, null);
        Suggestions s = c.suggest(d);
        assertThat(s.get(1).kind()).isEqualTo(SuggestionKind.FILES);
        assertThat(s.get(1).paths()).containsExactly("data/metrics/run_001.json");
        assertThat(s.get(2).kind()).isEqualTo(SuggestionKind.COMBINED);
        assertThat(s.get(2).paths()).containsExactly("data/metrics/run_001.json", "src/utils/data_loader.py");
        assertThat(s.get(2).reason()).startsWith("the changed files of every fired trigger together (they lie in data, src): ")
                .contains("src/utils/data_loader.py (imported by the failing tests)");
    }
}
