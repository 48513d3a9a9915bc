package dev.rollbackshell.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.backup.BackupPruner;
import dev.rollbackshell.backup.BackupResult;
import dev.rollbackshell.backup.BackupVerifier;
import dev.rollbackshell.project.RollbackException;
import dev.rollbackshell.testing.BackupFixtures;
import dev.rollbackshell.testing.Athena;
import dev.rollbackshell.testing.GitCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code app/BackupSelect}, {@code app/BackupVerify} and {@code app/BackupPrune} on the
 * replica: each recorded; a damaged backup copy fails the verification; a prune keeps the
 * selected backup, and a dry run or a refused confirmation deletes nothing.
 */
class BackupUpkeepTest {

    static final String OLD = "20251201_120000";
    static final String MIDDLE = "20251215_120000";

    @TempDir
    Path dir;

    private Replica withThreeBackups() throws Exception {
        Replica r = Replica.create(dir, true);
        BackupFixtures.manual(dir, OLD, Athena.FOLDERS);
        BackupFixtures.manual(dir, MIDDLE, Athena.FOLDERS);
        return r;
    }

    private List<String> ids(Replica r) {
        return r.cx.backups().list().stream().map(Backup::id).toList();
    }

    @Test
    void selectKeepsTheBackupInTheSessionAndRecordsIt() throws Exception {
        Replica r = withThreeBackups();

        Backup b = new BackupSelect(r.cx).run(OLD);

        assertThat(b.id()).isEqualTo(OLD);
        assertThat(r.cx.session().load().selectedBackup()).isEqualTo(OLD);
        assertThat(r.lastEvent().kind()).isEqualTo("select");
        assertThat(r.lastEvent().summary()).isEqualTo("selected backup " + OLD);
        assertThat(new BackupSelect(r.cx).run("latest").id()).isEqualTo(Athena.BACKUP_ID);
        assertThatThrownBy(() -> new BackupSelect(r.cx).run("20990101_000000")).isInstanceOf(RollbackException.class);
        assertThat(r.cx.session().load().selectedBackup()).isEqualTo(Athena.BACKUP_ID);
    }

    @Test
    void createSelectsTheNewBackupAndRecordsIt() throws Exception {
        Replica r = Replica.create(dir, false);
        assertThatThrownBy(() -> new BackupCreate(r.cx).run(List.of("src"), 0, null, true, null, false))
                .isInstanceOf(RollbackException.class).hasMessageContaining("--phase must be 1 or more");

        BackupResult made = new BackupCreate(r.cx).run(List.of("src", "tests", "data"), 2, null, true, null, false).result();

        String id = made.backup().id();
        assertThat(r.cx.session().load().selectedBackup()).isEqualTo(id);
        assertThat(r.lastEvent().kind()).isEqualTo("backup");
        assertThat(r.lastEvent().summary()).isEqualTo("backup " + id + " made (phase 2, " + made.manifest().files()
                + " files)");
        assertThat(made.warnings()).isEmpty();
    }

    @Test
    void createKeepsTheToolsFoldersOutOfGitStatusOnce() throws Exception {
        Replica r = Replica.create(dir, false);
        GitCli git = GitCli.init(dir);
        git.commitAll("before phase 1");

        BackupCreate.Made first = new BackupCreate(r.cx).run(List.of("src", "tests", "data"), 1, null, true, null, false);
        assertThat(first.excluded().failure()).isNull();
        assertThat(first.excluded().added()).containsExactly("/.rollback/", "/redundancy_reduction_backups/");
        assertThat(git.run("status", "--porcelain", "--untracked-files=all")).isEmpty();

        BackupCreate.Made again = new BackupCreate(r.cx).run(List.of("src", "tests", "data"), 1, null, true, null, false);
        assertThat(again.excluded().added()).isEmpty();
        assertThat(Files.readString(dir.resolve(".git/info/exclude")).lines().filter(l -> l.equals("/.rollback/"))).hasSize(1);
    }

    @Test
    void verifyRecordsOkAndADamagedCopyAsProblems() throws Exception {
        Replica r = Replica.create(dir, false);
        BackupVerify use = new BackupVerify(r.cx);
        assertThatThrownBy(() -> use.run(null, true, null)).isInstanceOf(RollbackException.class)
                .hasMessage("no backups to verify; make one with 'backup create'");
        BackupResult made = new BackupCreate(r.cx).run(List.of("src", "tests", "data"), 1, "test", true, null, false).result();
        String id = made.backup().id();

        BackupVerifier.Report ok = use.run(null, false, null);
        assertThat(ok.ok()).isTrue();
        assertThat(r.lastEvent().kind()).isEqualTo("backup-verify");
        assertThat(r.lastEvent().summary()).isEqualTo("verified " + id + ": ok");
        assertThat(r.lastEvent().exitStatus()).isZero();

        try (var files = Files.walk(made.backup().dir())) {
            Path copy = files.filter(p -> p.toString().endsWith("feedback_loop.py")).findFirst().orElseThrow();
            copy.toFile().setWritable(true);
            Files.writeString(copy, "damaged\n");
        }
        BackupVerifier.Report bad = use.run(id, false, null);
        assertThat(bad.ok()).isFalse();
        assertThat(r.lastEvent().summary()).isEqualTo("verified " + id + ": " + bad.problems().size() + " problems");
        assertThat(r.lastEvent().exitStatus()).isEqualTo(1);
    }

    @Test
    void pruneAsksUnderTheLockKeepsTheSelectedOneAndRecords() throws Exception {
        Replica r = withThreeBackups();
        new BackupSelect(r.cx).run(OLD);
        BackupPrune use = new BackupPrune(r.cx);

        BackupPrune.Pruned dry = use.run(1, true, false, p -> {
            throw new AssertionError("a dry run asks nothing");
        });
        assertThat(dry.deleted()).isNull();
        assertThat(dry.plan().delete()).extracting(Backup::id).containsExactly(MIDDLE);
        assertThatThrownBy(() -> use.run(1, false, false, p -> {
            throw new IllegalStateException("no");
        })).hasMessage("no");
        assertThat(ids(r)).containsExactlyInAnyOrder(OLD, MIDDLE, Athena.BACKUP_ID);
        assertThat(r.lockHolder()).as("a refusal releases the lock").isEmpty();

        List<BackupPruner.Plan> asked = new ArrayList<>();
        BackupPrune.Pruned p = use.run(1, false, false, plan -> {
            assertThat(RestoreFilesTest.holder(r)).as("asked while the lock is held").contains("doing=backup prune");
            asked.add(plan);
        });
        assertThat(asked).hasSize(1);
        assertThat(p.deleted()).containsExactly(MIDDLE);
        assertThat(ids(r)).containsExactlyInAnyOrder(OLD, Athena.BACKUP_ID);
        assertThat(r.lastEvent().kind()).isEqualTo("backup-prune");
        assertThat(r.lastEvent().summary()).isEqualTo("deleted backups " + MIDDLE);

        BackupPrune.Pruned none = use.run(1, false, false, x -> {
            throw new AssertionError("nothing to delete, nothing to ask");
        });
        assertThat(none.plan().delete()).isEmpty();
        assertThat(none.deleted()).isNull();
    }
}
