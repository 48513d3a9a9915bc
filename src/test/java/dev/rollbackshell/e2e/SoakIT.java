package dev.rollbackshell.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.testing.Launcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak in CI (issue 13, item 6): {@code scripts/soak} with a small count, through the jar failsafe was given.
 * One sequence of 4 steps by default, with at least one kill -9 that interrupts a restore and one that interrupts a
 * {@code backup create} ({@code --kills-at-least 1}: without it a short sequence often has no kill at all), under a
 * minute on an idle machine; {@code -Dsoak.count=N} for more, {@code -Dsoak.seed=S} to replay one. By hand:
 * {@code scripts/soak --count 500}. What it checks: the script's docstring and docs/restore.md ("Safety guarantees, each tested").
 */
class SoakIT {

    @TempDir
    Path temp;

    @Test
    void randomSequencesOfFaultsLeaveAStateTheUserAskedForAndEveryBackupVerifies() throws IOException {
        Map<String, String> env = Map.of("ROLLBACK_SHELL_JAR", System.getProperty("rollback.jar"), "TMPDIR", temp.toString());
        String count = System.getProperty("soak.count", "1");
        String seed = System.getProperty("soak.seed", String.valueOf(System.nanoTime() & 0x3fffffff));
        Launcher.Run r = Launcher.exec(temp, null, env, List.of("python3", Launcher.script("soak").toString(),
                "--count", count, "--seed", seed, "--steps", "4", "--kills-at-least", "1", "--dir", temp.resolve("work").toString()));
        assertThat(r.status()).as("scripts/soak --count %s --seed %s --steps 4 --kills-at-least 1 said:%n%s%s", count, seed, r.out(), r.err())
                .isZero();
        assertThat(r.out()).contains("soak: " + count + " passed, 0 failed")
                .containsPattern("kills of restore all: [1-9]\\d* interrupted it")
                .containsPattern("kills of backup create: [1-9]\\d* interrupted it");
    }
}
