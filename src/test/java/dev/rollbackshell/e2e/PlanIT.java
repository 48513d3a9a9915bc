package dev.rollbackshell.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.testing.BackupFixtures;
import dev.rollbackshell.testing.Athena;
import dev.rollbackshell.testing.Fixtures;
import dev.rollbackshell.testing.Launcher;
import dev.rollbackshell.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan's commands through the real launcher: diagnose, suggest, verify, report on the
 * runbook's replica and on two other layouts (a src-layout Python package, a Maven
 * project), with their exit codes and --json documents.
 */
class PlanIT {

    @TempDir
    Path project;

    private static JsonNode json(Launcher.Run r) throws Exception {
        JsonNode doc = Json.MAPPER.readTree(r.out());
        assertThat(doc).as("stdout holds one JSON document:\n%s", r.out()).isNotNull();
        return doc;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** One field of every object of an array. */
    private static List<String> values(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    private static JsonNode trigger(JsonNode diagnosis, String id) {
        for (JsonNode t : diagnosis.get("triggers")) {
            if (t.get("id").asText().equals(id)) {
                return t;
            }
        }
        throw new AssertionError("no trigger " + id);
    }

    @Test
    void planShowScenariosAndAMalformedPlan() throws Exception {
        Launcher.Run both = Launcher.runWithInput(project, "plan show\nplan scenarios\n");
        assertThat(both.status()).isZero();
        assertThat(both.out()).contains("Plan: built-in (the emergency rollback runbook)")
                .contains("log file                data/logs/system.log").contains("python.*athena")
                .contains("Phase 1: Progress Tracking", "1A  Import Errors After Consolidation",
                        "3C  Workflow Integration Issues", "Nuclear option");

        TestFiles.write(project, "rollback-plan.yml", "name: x\ntests:\n  runner: nose\n");
        Launcher.Run bad = Launcher.run(project, "diagnose");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err().strip().lines()).hasSize(1);
        assertThat(bad.err()).startsWith("error: rollback-plan.yml:3:11: tests: unknown runner 'nose'");
    }

    @Test
    void replicaBrokenBesideGoodWorkIsDiagnosedHealedAndVerified() throws Exception {
        Athena.create(project);
        BackupFixtures.manual(project, Athena.BACKUP_ID, Athena.FOLDERS);
        TestFiles.write(project, "src/batch_processor/new_feature.py", "def shiny():\n    return 42\n");
        TestFiles.write(project, "data/logs/system.log", TestFiles.read(project, "data/logs/system.log") + "2026-01-02 ERROR import failed\n");
        project.resolve("src/batch_processor/progress_tracker.py").toFile().delete();

        Launcher.Run d = Launcher.run(project, "diagnose", "--json");
        assertThat(d.status()).as(d.err()).isEqualTo(1);
        JsonNode diag = json(d);
        assertThat(diag.get("healthy").asBoolean()).isFalse();
        assertThat(diag.get("backup").asText()).isEqualTo(Athena.BACKUP_ID);
        assertThat(values(diag.get("triggers"), "id"))
                .containsExactly("tests-regressed", "startup-failed", "data-damaged", "performance-regressed", "component-broken");
        assertThat(trigger(diag, "startup-failed").get("fired").asBoolean()).isTrue();
        assertThat(trigger(diag, "data-damaged").get("fired").asBoolean()).isFalse();
        assertThat(texts(trigger(diag, "startup-failed").get("evidence"))).anyMatch(e -> e.contains("No module named 'src.batch_processor.progress_tracker'"));
        assertThat(texts(diag.at("/changed/added"))).containsExactly("src/batch_processor/new_feature.py");
        assertThat(texts(diag.at("/changed/deleted"))).containsExactly("src/batch_processor/progress_tracker.py");
        assertThat(diag.at("/changed/modified").isArray()).isTrue();
        assertThat(diag.get("changed").size()).as("changed holds added, modified, deleted only").isEqualTo(3);
        assertThat(texts(diag.get("implicated"))).containsExactly("src/batch_processor/progress_tracker.py");
        assertThat(diag.at("/scenarios/0/id").asText()).isEqualTo("1A");
        assertThat(diag.at("/scenarios/0/title").asText()).isEqualTo("Import Errors After Consolidation");
        assertThat(diag.at("/scenarios/0/why").asText()).contains("ModuleNotFoundError");
        assertThat(d.err()).contains("diagnose: comparing with backup " + Athena.BACKUP_ID).contains("tests: ");

        Launcher.Run s = Launcher.run(project, "suggest", "--json");
        assertThat(s.status()).as(s.err()).isZero();
        JsonNode top = json(s).at("/suggestions/0");
        assertThat(top.get("rank").asInt()).isEqualTo(1);
        assertThat(top.get("kind").asText()).isEqualTo("files");
        assertThat(texts(top.get("paths"))).containsExactly("src/batch_processor/progress_tracker.py");
        assertThat(top.get("from").asText()).isEqualTo("backup " + Athena.BACKUP_ID);
        assertThat(top.get("scenario").isNull()).isTrue();
        assertThat(top.get("reason").asText()).contains("named in the failures");
        assertThat(texts(top.get("overwrites"))).isEmpty();
        assertThat(json(s).at("/suggestions/1/scenario").asText()).isEqualTo("1A");

        Launcher.Run text = Launcher.runWithInput(project, "suggest\nlogs --errors --tail 2\n");
        assertThat(text.status()).isZero();
        assertThat(text.out()).contains(" 1. restore 1 file the failures point at").contains("overwrites: nothing")
                .contains("6! ValueError: bad checkpoint").contains("9! 2026-01-02 ERROR import failed");

        restoreSuggestionOne();
        Launcher.Run v = Launcher.run(project, "verify", "--json");
        assertThat(v.status()).as(v.out() + v.err()).isZero();
        JsonNode ver = json(v);
        assertThat(ver.get("ok").asBoolean()).isTrue();
        assertThat(values(ver.get("steps"), "status")).containsOnly("passed");
        assertThat(ver.at("/steps/0/id").asText()).isEqualTo("imports");
        assertThat(ver.at("/steps/0/detail").asText()).isEqualTo("4 imports ok (core-imports)");
        assertThat(TestFiles.read(project, "src/batch_processor/new_feature.py")).contains("shiny");

        Launcher.Run after = Launcher.runWithInput(project, "verify\nreport\n");
        assertThat(after.status()).isZero();
        assertThat(after.out()).contains("Import Test", "Full Test Suite", "verify: ok (5 passed, 0 failed, 0 not configured")
                .contains("# Incident report").contains("| diagnose | fired tests-regressed")
                .contains("| verify | ok: 5 passed").contains("**1A** Import Errors After Consolidation")
                .contains("Deleted (1): `src/batch_processor/progress_tracker.py`");
    }

    @Test
    void srcLayoutPackageFromInitToVerify() throws Exception {
        Fixtures.srcLayoutPython(project);
        Launcher.Run init = Launcher.run(project, "init");
        assertThat(init.status()).as(init.err()).isZero();
        assertThat(init.out()).contains("wrote ").contains("src/ layout: PYTHONPATH=src");
        BackupFixtures.manual(project, "20260102_090000", "src", "tests");
        TestFiles.write(project, "src/inventory/pricing.py", "PRICES = {'apple': 2}\n\n\ndef price(name):\n    return PRICES[name]\n");
        TestFiles.write(project, "src/inventory/audit.py", "def audit():\n    return True\n"); // good work

        Launcher.Run d = Launcher.run(project, "diagnose", "--json");
        assertThat(d.status()).as(d.err()).isEqualTo(1);
        JsonNode diag = json(d);
        assertThat(trigger(diag, "tests-regressed").get("fired").asBoolean()).isTrue();
        assertThat(texts(trigger(diag, "tests-regressed").get("evidence")))
                .anyMatch(e -> e.startsWith("test_stock.TestStock.test_value: passed in the baseline, error now: KeyError: 'pear'"));
        assertThat(texts(trigger(diag, "data-damaged").get("evidence"))).containsExactly("not configured: the plan has no data checks");
        assertThat(texts(diag.get("implicated"))).containsExactly("src/inventory/pricing.py");

        JsonNode top = json(Launcher.run(project, "suggest", "--json")).at("/suggestions/0");
        assertThat(texts(top.get("paths"))).containsExactly("src/inventory/pricing.py");
        restoreSuggestionOne();
        Launcher.Run v = Launcher.run(project, "verify", "--json");
        assertThat(v.status()).as(v.out()).isZero();
        assertThat(values(json(v).get("steps"), "status"))
                .containsExactly("passed", "not-configured", "not-configured", "not-configured", "passed");
        assertThat(project.resolve("src/inventory/audit.py")).exists();
    }

    @Test
    void mavenProjectFromInitToVerify() throws Exception {
        Fixtures.maven(project);
        assertThat(Launcher.run(project, "init").status()).isZero();
        BackupFixtures.manual(project, "20260102_090000", "src");
        Fixtures.breakMaven(project);
        TestFiles.write(project, "src/main/java/demo/Greeter.java",
                TestFiles.read(project, "src/main/java/demo/Greeter.java").replace("public class Greeter {", "/** Says hello. */\npublic class Greeter {"));

        Launcher.Run d = Launcher.run(project, "diagnose", "--json");
        assertThat(d.status()).as(d.err()).isEqualTo(1);
        JsonNode diag = json(d);
        assertThat(texts(trigger(diag, "tests-regressed").get("evidence")))
                .containsExactly("demo.CalcTest.addsNegatives: passed in the baseline, error now: java.lang.IllegalStateException: negative");
        assertThat(texts(diag.get("implicated"))).containsExactly("src/main/java/demo/Calc.java");
        assertThat(texts(diag.at("/changed/modified"))).containsExactly("src/main/java/demo/Calc.java", "src/main/java/demo/Greeter.java");

        JsonNode top = json(Launcher.run(project, "suggest", "--json")).at("/suggestions/0");
        assertThat(texts(top.get("paths"))).containsExactly("src/main/java/demo/Calc.java");
        assertThat(texts(top.get("overwrites"))).containsExactly("src/main/java/demo/Calc.java");
        // restored with a new modification time: Maven's incremental build recompiles it
        restoreSuggestionOne();
        Launcher.Run v = Launcher.run(project, "verify", "--json");
        assertThat(v.status()).as(v.out()).isZero();
        assertThat(json(v).at("/steps/4/detail").asText()).isEqualTo("3 passed");
        assertThat(TestFiles.read(project, "src/main/java/demo/Greeter.java")).contains("/** Says hello. */");
    }

    /** {@code restore suggestion 1 --yes}: the suggestion just shown applied by the command itself, which verifies. */
    private void restoreSuggestionOne() {
        Launcher.Run r = Launcher.run(project, "restore", "suggestion", "1", "--yes");
        assertThat(r.status()).as(r.out() + r.err()).isZero();
    }
}
