package dev.rollbackshell.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.testing.Tmpfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bound of what folders can hold, told from their file system without looking at a file. */
class FreeSpaceTest {

    @TempDir
    Path dir;

    @Test
    void foldersOnTheFileSystemHoldAtMostWhatItHasInUse() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/pkg"));
        Files.write(src.resolve("big.bin"), new byte[1 << 20]);
        long held = FreeSpace.heldAtMost(dir.resolve("redundancy_reduction_backups"), List.of(dir.resolve("src")));
        assertThat(held).isGreaterThanOrEqualTo(1 << 20);
        // a folder that is not there, or cannot be told: no bound, the caller looks at the files
        assertThat(FreeSpace.heldAtMost(dir, List.of(dir.resolve("missing")))).isEqualTo(-1);
    }

    @Test
    void anotherFileSystemMountedBelowAFolderOrAsItLeavesNoBound() throws Exception {
        Path below = Files.createDirectories(dir.resolve("src/with space/mnt"));
        Path top = Files.createDirectories(dir.resolve("data"));
        Tmpfs.mountOrSkip(below, "1m");
        Tmpfs.mountOrSkip(top, "1m");
        try {
            assertThat(FreeSpace.heldAtMost(dir, List.of(dir.resolve("src")))).isEqualTo(-1); // the table says \040
            assertThat(FreeSpace.heldAtMost(dir, List.of(top))).isEqualTo(-1);
            Path tests = Files.createDirectories(dir.resolve("tests"));
            assertThat(FreeSpace.heldAtMost(dir, List.of(tests))).isGreaterThanOrEqualTo(0);
        } finally {
            Tmpfs.unmount(below);
            Tmpfs.unmount(top);
        }
    }
}
