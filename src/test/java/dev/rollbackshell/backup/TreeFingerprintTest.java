package dev.rollbackshell.backup;

import static org.assertj.core.api.Assertions.assertThat;

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
    void anEditThatKeepsSizeAndModificationTimeIsStillSeen() throws Exception {
        Files.createDirectories(root.resolve("src"));
        Path a = root.resolve("src/a.py");
        Files.writeString(a, "x = 1\n");
        FileTime old = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
        Files.setLastModifiedTime(a, old);
        TreeFingerprint before = print();
        Files.writeString(a, "x = 2\n");
        Files.setLastModifiedTime(a, old);
        assertThat(print()).isNotEqualTo(before);
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
