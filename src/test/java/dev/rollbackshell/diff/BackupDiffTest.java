package dev.rollbackshell.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.backup.BackupService;
import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupDiffTest {

    static final List<String> FOLDERS = List.of("src", "tests", "data");

    @TempDir
    Path dir;
    Project project;
    BackupStore store;
    Backup backup;

    @BeforeEach
    void fixture() throws IOException {
        project = Project.at(dir);
        store = new BackupStore(project);
        TestFiles.write(dir, "src/a.py", "one\ntwo\nthree\n");
        TestFiles.write(dir, "src/gone.py", "bye\n");
        TestFiles.write(dir, "src/same.py", "same\n");
        Files.write(dir.resolve("src/blob.bin"), new byte[] {0, 1, 2});
        Files.createSymbolicLink(dir.resolve("src/link"), Path.of("a.py"));
        backup = new BackupService(project, store, w -> {
        }).create(FOLDERS, 1, null, true, null).backup();
    }

    @Test
    void addedModifiedDeletedBinaryAndLinksInGitsFormat() throws IOException {
        TestFiles.write(dir, "src/a.py", "one\n2\nthree\nfour");
        Files.delete(dir.resolve("src/gone.py"));
        TestFiles.write(dir, "src/new.py", "hi\n");
        Files.write(dir.resolve("src/blob.bin"), new byte[] {0, 1, 3});
        Files.delete(dir.resolve("src/link"));
        Files.createSymbolicLink(dir.resolve("src/link"), Path.of("new.py"));
        Files.setLastModifiedTime(dir.resolve("src/same.py"), Files.getLastModifiedTime(dir.resolve("src/same.py")));

        BackupDiff.Result r = BackupDiff.diff(project, store, backup, null, FOLDERS);
        assertThat(r.files()).extracting(BackupDiff.FileDiff::path, BackupDiff.FileDiff::change).containsExactly(
                org.assertj.core.groups.Tuple.tuple("src/a.py", "modified"),
                org.assertj.core.groups.Tuple.tuple("src/blob.bin", "modified"),
                org.assertj.core.groups.Tuple.tuple("src/gone.py", "deleted"),
                org.assertj.core.groups.Tuple.tuple("src/link", "modified"),
                org.assertj.core.groups.Tuple.tuple("src/new.py", "added"));
        BackupDiff.FileDiff a = r.files().get(0);
        assertThat(a.patch()).startsWith("diff --git a/src/a.py b/src/a.py\n--- a/src/a.py\n+++ b/src/a.py\n")
                .contains("-two\n+2\n").contains("+four\n\\ No newline at end of file");
        assertThat(a.insertions()).isEqualTo(2);
        assertThat(a.deletions()).isEqualTo(1);
        assertThat(r.files().get(1).binary()).isTrue();
        assertThat(r.files().get(1).patch()).contains("Binary files a/src/blob.bin and b/src/blob.bin differ");
        assertThat(r.files().get(2).patch()).contains("+++ /dev/null").contains("-bye");
        assertThat(r.files().get(3).patch()).contains("-a.py").contains("+new.py");
        assertThat(r.files().get(4).patch()).contains("--- /dev/null").contains("+hi");
    }

    @Test
    void aPathNarrowsTheDiffAndIsChecked() throws IOException {
        TestFiles.write(dir, "src/a.py", "changed\n");
        TestFiles.write(dir, "src/gone.py", "changed too\n");
        assertThat(BackupDiff.diff(project, store, backup, "src/a.py", FOLDERS).files()).hasSize(1);
        assertThat(BackupDiff.diff(project, store, backup, "src/same.py", FOLDERS).files()).isEmpty();
        assertThatThrownBy(() -> BackupDiff.diff(project, store, backup, "../x", FOLDERS))
                .hasMessageContaining("outside the project");
        assertThatThrownBy(() -> BackupDiff.diff(project, store, backup, "docs/x.md", FOLDERS))
                .hasMessageContaining("not in a folder backup");
        assertThatThrownBy(() -> BackupDiff.diff(project, store, backup, "src/none.py", FOLDERS))
                .hasMessageContaining("no src/none.py");
        Files.delete(dir.resolve("src/gone.py"));
        assertThat(BackupDiff.diff(project, store, backup, "src/gone.py", FOLDERS).files())
                .singleElement().extracting(BackupDiff.FileDiff::change).isEqualTo("deleted");
    }
}
