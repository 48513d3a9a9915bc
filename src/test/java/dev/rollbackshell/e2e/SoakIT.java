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
 * One sequence of backup, break, diagnose, restore, undo and kill -9 by default, well under a minute on an idle
 * machine; {@code -Dsoak.count=N} for more, {@code -Dsoak.seed=S} to replay one. By hand: {@code scripts/soak --count 500}.
 */
class SoakIT {

    @TempDir
    Path temp;

    @Test
    void randomSequencesOfFaultsLeaveAStateTheUserAskedForAndEveryBackupVerifies() throws IOException {
        Path home = Files.createDirectories(temp.resolve("home"));
        Map<String, String> env = Map.of("ROLLBACK_SHELL_JAR", System.getProperty("rollback.jar"), "HOME", home.toString(),
                "GIT_CONFIG_NOSYSTEM", "1", "TMPDIR", temp.toString());
        String count = System.getProperty("soak.count", "1");
        String seed = System.getProperty("soak.seed", String.valueOf(System.nanoTime() & 0x3fffffff));
        Launcher.Run r = Launcher.exec(temp, null, env, List.of("python3", Launcher.script("soak").toString(),
                "--count", count, "--seed", seed, "--steps", "4", "--dir", temp.resolve("work").toString()));
        assertThat(r.status()).as("scripts/soak --count %s --seed %s --steps 4 said:%n%s%s", count, seed, r.out(), r.err())
                .isZero();
        assertThat(r.out()).contains("soak: " + count + " passed, 0 failed");
    }
}
