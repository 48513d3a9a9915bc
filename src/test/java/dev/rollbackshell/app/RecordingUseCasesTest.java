package dev.rollbackshell.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollbackshell.project.RollbackException;
import dev.rollbackshell.session.SessionState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The use cases that moved out of the commands ({@code init}, {@code report}, {@code processes},
 * {@code backup push}): each records its timeline entry and leaves the project lock free; a
 * refusal records nothing.
 */
class RecordingUseCasesTest {

    @TempDir
    Path dir;

    @Test
    void initWritesThePlanUnderTheLockAndRecordsIt() throws Exception {
        Replica r = Replica.create(dir, false);
        Files.delete(dir.resolve("rollback-plan.yml"));
        Init.Written w = new Init(r.cx).run(false);
        assertThat(w.plan().replaced()).isFalse();
        assertThat(dir.resolve("rollback-plan.yml")).exists();
        assertThat(r.events()).extracting(SessionState.Event::kind).containsExactly("init");
        assertThat(r.lastEvent().summary()).startsWith("wrote rollback-plan.yml (");
        assertThat(r.lockHolder()).isEmpty();
        assertThatThrownBy(() -> new Init(r.cx).run(false)).isInstanceOf(RollbackException.class);
        assertThat(r.events()).as("a refusal records nothing").hasSize(1);
    }

    @Test
    void reportPrintsWithoutRecordingAndWritesAFileRecorded() throws Exception {
        Replica r = Replica.create(dir, false);
        String md = new Report(r.cx).markdown();
        assertThat(md).startsWith("# Incident report: ");
        assertThat(r.events()).isEmpty();
        Report.Written w = new Report(r.cx).write("incident.md", false);
        assertThat(w.file()).isEqualTo(dir.resolve("incident.md"));
        assertThat(w.lines()).isEqualTo(Files.readString(w.file()).lines().count());
        assertThat(r.lastEvent().summary()).isEqualTo("wrote the incident report to " + w.file());
        assertThat(r.lockHolder()).isEmpty();
    }

    @Test
    void stoppingNoProcessesAsksNothingAndRecordsNothing() throws Exception {
        Replica r = Replica.create(dir, false);
        // a pattern no command line matches, not even its own text: nothing of this machine is ever stopped
        Files.writeString(dir.resolve("rollback-plan.yml"), "\nprocessPattern: 'zz[0-9]{40}zz'\n",
                java.nio.file.StandardOpenOption.APPEND);
        RunningProcesses.Listed l = new RunningProcesses(r.cx).stop(found -> {
            throw new AssertionError("asked to stop " + found);
        });
        assertThat(l.pattern()).isEqualTo("zz[0-9]{40}zz");
        assertThat(l.processes()).isEmpty();
        assertThat(l.stopped()).isNull();
        assertThat(r.events()).isEmpty();
    }

    @Test
    void pushRefusesIdsAndAllTogetherBeforeTakingTheLock() throws Exception {
        Replica r = Replica.create(dir, true);
        assertThatThrownBy(() -> new BackupRemote(r.cx).push(null, List.of("latest"), true))
                .hasMessage("give backup ids or --all, not both");
        assertThat(r.events()).isEmpty();
    }
}
