package dev.rollbackshell.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollbackshell.diagnose.Diagnosis;
import dev.rollbackshell.diagnose.Suggestions;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.RollbackException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** session.json as every version before the typed session wrote it still loads, and is written back byte for byte. */
class SessionFormatTest {

    /**
     * Written by the code before the session held typed records (SessionState with JsonNode
     * fields, the diagnosis and suggestions of the demo project, shortened), byte for byte.
     */
    static final String WRITTEN_BEFORE = """
            {
              "selectedBackup" : "20261201_120000",
              "diagnosis" : {
                "healthy" : false,
                "backup" : "20261201_120000",
                "triggers" : [ {
                  "id" : "tests-regressed",
                  "fired" : true,
                  "evidence" : [ "9 tests that passed in the baseline did not run now: tests.t", "collection error in tests.test_batch_manager: ModuleNotFound" ]
                }, {
                  "id" : "startup-failed",
                  "fired" : true,
                  "evidence" : [ "core-imports: import src.iterative_refinement_system:Iterati", "core-init (functionality): ModuleNotFoundError: No module na" ]
                } ],
                "changed" : {
                  "added" : [ "src/utils/text_normalizer.py", "tests/test_text_normalizer.py" ],
                  "modified" : [ "data/logs/system.log", "src/batch_processor/dynamic_scaling_controller.py" ],
                  "deleted" : [ "src/batch_processor/progress_tracker.py" ]
                },
                "implicated" : [ "src/batch_processor/dynamic_scaling_controller.py", "src/batch_processor/progress_tracker.py" ],
                "scenarios" : [ {
                  "id" : "1A",
                  "title" : "Import Errors After Consolidation",
                  "why" : "error: ModuleNotFoundError: No module named 'src.batch_proce",
                  "phase" : 1,
                  "score" : 11
                }, {
                  "id" : "1B",
                  "title" : "Scaling System Broken",
                  "why" : "component dynamic-scaling-controller is broken; regressed te",
                  "phase" : 1,
                  "score" : 6
                } ],
                "at" : "2026-12-01T12:00:00Z",
                "plan" : "rollback-plan.yml",
                "baseline" : "backup",
                "baselineNotes" : [ "the baseline ran the tests with 'python3 -m pytest tests -p " ],
                "implicatedBy" : {
                  "src/batch_processor/dynamic_scaling_controller.py" : "traceback line 9, modified since the backup",
                  "src/batch_processor/progress_tracker.py" : "module src.batch_processor.progress_tracker not found, delet"
                },
                "related" : [ "src/utils/data_loader.py" ],
                "failingTests" : [ "tests.test_batch_manager.BatchManagerTest.test_runs_all_item", "tests.test_dynamic_scaling.DynamicScalingTest.test_dynamic_s" ],
                "status" : {
                  "src/batch_processor/progress_tracker.py" : "absent",
                  "src/batch_processor/scaling_predictor.py" : "present"
                },
                "testsSkipped" : false,
                "timing" : {
                  "totalMillis" : 12,
                  "checksMillis" : 12,
                  "overheadMillis" : 12,
                  "stages" : {
                    "changes" : 12,
                    "baseline" : 12,
                    "checks" : 12,
                    "triggers" : 12,
                    "implicated" : 12,
                    "scenarios" : 12
                  }
                },
                "cached" : true,
                "checkedAt" : "2026-12-01T12:00:00Z",
                "tree" : "9f2c",
                "baselineUnhealthy" : [ ]
              },
              "suggestions" : {
                "suggestions" : [ {
                  "rank" : 1,
                  "kind" : "files",
                  "paths" : [ "src/batch_processor/dynamic_scaling_controller.py", "src/batch_processor/progress_tracker.py" ],
                  "from" : "backup 20261201_120000",
                  "scenario" : null,
                  "reason" : "the changed files named in the failures: src/batch_processor",
                  "overwrites" : [ "src/batch_processor/dynamic_scaling_controller.py", "src/progress_tracking/metrics_collector.py" ],
                  "actions" : [ {
                    "paths" : [ "src/batch_processor/dynamic_scaling_controller.py", "src/batch_processor/progress_tracker.py" ],
                    "backupId" : "20261201_120000",
                    "exact" : false
                  } ],
                  "proof" : {
                    "status" : "heals",
                    "fired" : [ ],
                    "seconds" : 12.0,
                    "detail" : "all 5 checked triggers quiet"
                  }
                }, {
                  "rank" : 2,
                  "kind" : "scenario",
                  "paths" : [ "src/batch_processor/progress_tracker.py", "src/batch_processor/dynamic_scaling_controller.py" ],
                  "from" : "backup 20261201_120000 + git HEAD~1",
                  "scenario" : "1A",
                  "reason" : "runbook scenario 1A (Import Errors After Consolidation) matc",
                  "overwrites" : [ "src/batch_processor/dynamic_scaling_controller.py" ],
                  "actions" : [ {
                    "paths" : [ "src/batch_processor/progress_tracker.py" ],
                    "backupId" : "20261201_120000",
                    "exact" : false
                  }, {
                    "paths" : [ "src/batch_processor/dynamic_scaling_controller.py", "src/batch_processor/batch_manager.py" ],
                    "gitRef" : "HEAD~1",
                    "exact" : false
                  } ],
                  "proof" : {
                    "status" : "not-tried",
                    "fired" : [ ],
                    "detail" : "not tried: a less invasive suggestion heals"
                  }
                } ],
                "backup" : "20261201_120000",
                "diagnosedAt" : "2026-12-01T12:00:00Z",
                "proving" : {
                  "mode" : "until-healed",
                  "proven" : 2,
                  "seconds" : 12.0
                }
              },
              "events" : [ {
                "at" : "2026-12-01T12:00:00Z",
                "kind" : "diagnose",
                "summary" : "fired T1 against backup 20261201_120000",
                "exitStatus" : 1,
                "tree" : "9f2c"
              }, {
                "at" : "2026-12-01T12:01:00Z",
                "kind" : "restore",
                "summary" : "restored 1 file",
                "exitStatus" : 0,
                "files" : 1
              } ]
            }""";

    @TempDir
    Path root;

    private SessionStore store(String content) throws IOException {
        Path file = root.resolve(".rollback/session.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return new SessionStore(Project.at(root));
    }

    @Test
    void aSessionWrittenBeforeLoadsAsTypedRecords() throws IOException {
        SessionState s = store(WRITTEN_BEFORE).load();
        assertThat(s.selectedBackup()).isEqualTo("20261201_120000");
        Diagnosis d = s.requireDiagnosis();
        assertThat(d.healthy()).isFalse();
        assertThat(d.fired()).extracting(Diagnosis.Trigger::id).containsExactly("tests-regressed", "startup-failed");
        assertThat(d.tree()).isEqualTo("9f2c");
        assertThat(d.changed().deleted()).containsExactly("src/batch_processor/progress_tracker.py");
        Suggestions sug = s.requireSuggestions();
        assertThat(sug.get(1).proof().heals()).isTrue();
        assertThat(sug.get(2).scenario()).isEqualTo("1A");
        assertThat(s.events()).extracting(SessionState.Event::files).containsExactly(null, 1);
    }

    @Test
    void writingItBackChangesNoByte() throws IOException {
        SessionStore store = store(WRITTEN_BEFORE);
        store.update(s -> s);
        assertThat(Files.readString(root.resolve(".rollback/session.json"), StandardCharsets.UTF_8)).isEqualTo(WRITTEN_BEFORE);
    }

    @Test
    void aSessionWithoutDiagnosisWrittenBeforeLoadsAndAsksForSuggest() throws IOException {
        String before = """
                {
                  "selectedBackup" : "20261201_120000",
                  "diagnosis" : null,
                  "suggestions" : null,
                  "events" : [ ]
                }""";
        SessionStore store = store(before);
        SessionState s = store.load();
        assertThat(s.diagnosis()).isNull();
        assertThatThrownBy(s::requireSuggestions).isInstanceOf(RollbackException.class)
                .hasMessage("no suggestions for the latest diagnosis; run 'suggest' first");
        assertThatThrownBy(SessionState.empty()::requireSuggestions)
                .hasMessage("no diagnosis in this session; run 'diagnose' then 'suggest'");
        store.update(x -> x);
        assertThat(Files.readString(root.resolve(".rollback/session.json"), StandardCharsets.UTF_8)).isEqualTo(before);
    }

    @Test
    void aDiagnosisThatCannotBeReadIsTakenAsNoneAndTheRestStays() throws IOException {
        SessionState s = store(WRITTEN_BEFORE.replace("\"triggers\" : [", "\"triggers\" : 7, \"x\" : [")).load();
        assertThat(s.diagnosis()).isNull();
        assertThat(s.suggestions()).isNotNull();
        assertThat(s.events()).hasSize(2);
        assertThatThrownBy(s::requireDiagnosis).hasMessage("no diagnosis in this session; run 'diagnose' first");
    }
}
