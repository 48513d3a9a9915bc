package dev.rollbackshell.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeFingerprintTest {

    @TempDir
    Path root;

    private TreeFingerprint print() {
        return TreeFingerprint.of(root, List.of("src", "data"), p -> p.contains("__pycache__"));
    }

    @Test
    void sameTreeSameFingerprintAndGeneratedFilesDoNotCount() throws Exception {
        Files.createDirectories(root.resolve("src/pkg"));
        Files.writeString(root.resolve("src/pkg/a.py"), "x = 1\n");
        TreeFingerprint before = print();
        assertThat(print()).isEqualTo(before);
        Files.createDirectories(root.resolve("src/pkg/__pycache__"));
        Files.writeString(root.resolve("src/pkg/__pycache__/a.cpython-311.pyc"), "bytecode");
        assertThat(print()).isEqualTo(before);
        assertThat(before.files()).isEqualTo(1);
        assertThat(before.bytes()).isEqualTo(6);
    }

    @Test
    void anEditThatKeepsTheSizeIsSeenAndOneWithinTheClocksGranularityToo() throws Exception {
        Files.createDirectories(root.resolve("src"));
        Path a = root.resolve("src/a.py");
        Files.writeString(a, "x = 1\n");
        Files.setLastModifiedTime(a, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        TreeFingerprint before = print();
        Files.writeString(a, "x = 2\n");
        TreeFingerprint edited = print();
        assertThat(edited).isNotEqualTo(before);
        // a second same-size edit with the same modification time (within a coarse clock's tick) is hashed: racy
        // (both looked at as of the time of the first edit, so however slow this machine, the file is within the window)
        FileTime t = Files.getLastModifiedTime(a);
        TreeFingerprint editedThen = printAsOf(t.toMillis());
        Files.writeString(a, "x = 3\n");
        Files.setLastModifiedTime(a, t);
        assertThat(printAsOf(t.toMillis())).isNotEqualTo(editedThen);
        // past the file system's window its metadata alone is trusted: the same as any file with those times
        long later = t.toMillis() + RacyWindow.millis(root) + 1;
        assertThat(printAsOf(later)).isEqualTo(printAsOf(later + 3_600_000));
    }

    @Test
    void theRacyWindowIsTheFileSystemsOwn() throws Exception {
        // the usual local file systems keep nanosecond times: a short window; /proc is none of them
        assumeTrue(RacyWindow.FINE.contains(Files.getFileStore(root).type()),
                "the temporary folder is on one of the usual local file systems");
        assertThat(RacyWindow.millis(root)).isEqualTo(RacyWindow.FINE_MILLIS);
        assertThat(RacyWindow.millis(root.resolve("not/yet/made"))).isEqualTo(RacyWindow.FINE_MILLIS);
        assertThat(RacyWindow.millis(Path.of("/proc/self"))).isEqualTo(RacyWindow.COARSE_MILLIS);
    }

    @Test
    void theRacyWindowAskedAboutManyScratchCopiesStaysRight() {
        // the answers kept are forgotten past a bound: every answer stays the file system's
        for (int i = 0; i < RacyWindow.REMEMBERED * 3; i++) {
            assertThat(RacyWindow.millis(root.resolve("scratch-" + i))).isEqualTo(RacyWindow.millis(root));
        }
        assertThat(RacyWindow.millis(Path.of("/proc/self"))).isEqualTo(RacyWindow.COARSE_MILLIS);
    }

    private TreeFingerprint printAsOf(long nowMillis) {
        return TreeFingerprint.of(root, List.of("src", "data"), p -> p.contains("__pycache__"), nowMillis);
    }

    @Test
    void hardLinksMadeAndRemovedElsewhereAreNoChange() throws Exception {
        // scratch copies hard-link the project's files: that moves their ctime, which does not count
        Files.createDirectories(root.resolve("src"));
        Path a = root.resolve("src/a.py");
        Files.writeString(a, "x = 1\n");
        Files.setLastModifiedTime(a, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        TreeFingerprint before = print();
        Path elsewhere = root.resolve("scratch-a.py");
        Files.createLink(elsewhere, a);
        assertThat(print()).isEqualTo(before);
        Files.delete(elsewhere);
        assertThat(print()).isEqualTo(before);
    }

    @Test
    void addedRemovedAndLinkedFilesChangeIt() throws Exception {
        Files.createDirectories(root.resolve("src"));
        TreeFingerprint empty = print();
        Files.writeString(root.resolve("src/b.py"), "");
        TreeFingerprint one = print();
        assertThat(one).isNotEqualTo(empty);
        Files.createSymbolicLink(root.resolve("src/link"), Path.of("b.py"));
        assertThat(print()).isNotEqualTo(one);
        Files.delete(root.resolve("src/link"));
        Files.delete(root.resolve("src/b.py"));
        assertThat(print().sha256()).isNotEqualTo(one.sha256());
        Files.delete(root.resolve("src"));
        assertThat(print()).isNotEqualTo(empty);
    }
}
