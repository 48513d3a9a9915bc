package dev.rollbackshell.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollbackshell.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming manifest codec writes and reads the same document as the shared mapper. */
class ManifestCodecTest {

    @TempDir
    Path dir;

    static final Manifest SAMPLE = new Manifest(1, "20250101_120000", Instant.parse("2025-01-01T12:00:00.123456789Z"), 2,
            "before \"phase\" 2\nü", "tool", List.of("src", "tests"), List.of("data"), "redundancy_reduction_phase_2_backup",
            "abc123", 42, List.of(
                    new ManifestEntry("src/a b/ü.py", "file", 10, "rw-r--r--", 1_700_000_000_123L, "ff00", null),
                    new ManifestEntry("src/link", "link", 0, null, 5, null, "../../outside"),
                    new ManifestEntry("src/empty", "dir", 0, "rwxr-xr-x", 6, null, null)));

    @Test
    void roundTripsBothWaysWithTheSharedMapper() throws IOException {
        Path a = dir.resolve("a.json");
        Files.write(a, ManifestCodec.write(SAMPLE));
        assertThat(Json.read(a, Manifest.class)).isEqualTo(SAMPLE);
        assertThat(ManifestCodec.read(a)).isEqualTo(SAMPLE);

        Path b = dir.resolve("b.json");
        Files.write(b, Json.bytes(SAMPLE));
        assertThat(ManifestCodec.read(b)).isEqualTo(SAMPLE);
        Manifest head = ManifestCodec.readHeader(b);
        assertThat(head.entries()).isEmpty();
        assertThat(head.gitRef()).isEqualTo("redundancy_reduction_phase_2_backup");
        assertThat(head.createdAt()).isEqualTo(SAMPLE.createdAt());
    }

    @Test
    void unknownFieldsAreSkippedAndDamageIsAnIOException() throws IOException {
        Path f = dir.resolve("m.json");
        Files.writeString(f, "{\"future\": {\"x\": [1, 2]}, \"folders\": [\"src\"], \"entries\": ["
                + "{\"path\": \"src/a\", \"type\": \"file\", \"size\": 3, \"extra\": [true]}]}");
        Manifest m = ManifestCodec.read(f);
        assertThat(m.entries()).singleElement().extracting(ManifestEntry::size).isEqualTo(3L);
        for (String broken : List.of("", "[]", "{\"entries\": [", "{\"entries\": [{\"type\": \"file\"}]}",
                "{\"createdAt\": \"yesterday\"}", "{\"phase\": 1")) {
            Files.writeString(f, broken);
            assertThatThrownBy(() -> ManifestCodec.read(f)).as(broken).isInstanceOf(IOException.class);
        }
    }
}
