package dev.rollbackshell.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one tree walk: entries, modes, links, and which folders count as empty. */
class TreeScannerTest {

    @TempDir
    Path root;

    @Test
    void listsFilesLinksAndOnlyTheFoldersThatHoldNothing() throws IOException {
        Files.createDirectories(root.resolve("src/pkg/empty"));
        Files.createDirectories(root.resolve("src/lone"));
        Files.writeString(root.resolve("src/pkg/a.py"), "a = 1\n");
        Files.setPosixFilePermissions(root.resolve("src/pkg/a.py"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(root.resolve("src/link.py"), Path.of("pkg/a.py"));
        Files.createDirectories(root.resolve("src/only_a_folder/inner"));

        List<ManifestEntry> entries = TreeScanner.scan(root.resolve("src"), "src", true);

        assertThat(entries).extracting(ManifestEntry::path, ManifestEntry::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("src/link.py", ManifestEntry.LINK),
                org.assertj.core.groups.Tuple.tuple("src/lone", ManifestEntry.DIR),
                org.assertj.core.groups.Tuple.tuple("src/only_a_folder/inner", ManifestEntry.DIR),
                org.assertj.core.groups.Tuple.tuple("src/pkg/a.py", ManifestEntry.FILE),
                org.assertj.core.groups.Tuple.tuple("src/pkg/empty", ManifestEntry.DIR));
        ManifestEntry file = entries.get(3);
        assertThat(file.mode()).isEqualTo("rwxr-x---");
        assertThat(file.size()).isEqualTo(6);
        assertThat(file.sha256()).isEqualTo(Hashing.sha256("a = 1\n".getBytes()));
        assertThat(entries.get(0).mode()).isNull();
        assertThat(entries.get(0).link()).isEqualTo("pkg/a.py");
        assertThat(TreeScanner.scan(root.resolve("missing"), "missing", false)).isEmpty();
    }
}
