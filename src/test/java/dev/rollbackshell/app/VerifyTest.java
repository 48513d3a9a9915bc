package dev.rollbackshell.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollbackshell.project.RollbackException;
import dev.rollbackshell.session.SessionState;
import dev.rollbackshell.verify.Verification;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code app/Verify} on the replica: the result kept and recorded with its tree, the cache, the lock. */
class VerifyTest {

    @TempDir
    Path dir;

    @Test
    void aHealthyReplicaVerifiesAndTheResultIsKeptAndRecordedWithItsTree() throws Exception {
        Replica r = Replica.create(dir, true);
        Verification v = new Verify(r.cx).run(false);
        assertThat(v.ok()).as(v.summary()).isTrue();
        assertThat(v.cached()).isFalse();
        assertThat(dir.resolve(".rollback/verify.json")).exists();
        SessionState.Event e = r.lastEvent();
        assertThat(e.kind()).isEqualTo("verify");
        assertThat(e.summary()).isEqualTo("ok: " + v.summary());
        assertThat(e.exitStatus()).isZero();
        assertThat(e.tree()).isEqualTo(v.tree()).isNotBlank();
        assertThat(r.progress).isNotEmpty();

        // the same tree again: from the cache, and the timeline says so
        Verification again = new Verify(r.cx).run(false);
        assertThat(again.cached()).isTrue();
        assertThat(r.lastEvent().summary()).isEqualTo("ok: " + again.summary() + " (checks from the cache)");
        assertThat(new Verify(r.cx).run(true).cached()).as("fresh").isFalse();
        assertThat(r.events()).hasSize(3);
    }

    @Test
    void aBrokenReplicaFailsAndIsRecordedAsFailed() throws Exception {
        Replica r = Replica.create(dir, true).breakFeedbackLoop();
        Verification v = new Verify(r.cx).run(false);
        assertThat(v.ok()).isFalse();
        assertThat(r.lastEvent().summary()).startsWith("FAILED: ");
        assertThat(r.lastEvent().exitStatus()).isEqualTo(1);
    }

    @Test
    void anotherRunHoldingTheLockRefusesItAndNothingIsRecorded() throws Exception {
        Replica r = Replica.create(dir, true);
        r.whileLockedElsewhere(() -> assertThatThrownBy(() -> new Verify(r.cx).run(false))
                .isInstanceOf(RollbackException.class).hasMessageContaining("project is locked"));
        assertThat(r.events()).isEmpty();
        assertThat(dir.resolve(".rollback/verify.json")).doesNotExist();
    }
}
