package dev.rollbackshell.backup;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code manifest.json} beside the copies of a backup made by the tool; computed (and
 * cached under {@code .rollback/manifests/}) for a backup made by hand.
 *
 * @param folders  the protected folders copied, as project folder names ({@code src})
 * @param skipped  protected folders that did not exist when the backup was made
 * @param newBytes bytes this backup really wrote (files not hard-linked to the previous one)
 * @param notCopied entries of the protected folders left out, each "PATH: why" (a pipe, an
 *                 unreadable file, a name this system cannot read); {@code backup show} lists them
 */
public record Manifest(int version, String id, Instant createdAt, Integer phase, String message, String madeBy,
        List<String> folders, List<String> skipped, String gitRef, String gitCommit, long newBytes,
        List<ManifestEntry> entries, List<String> notCopied) {

    public static final int VERSION = 1;

    public Manifest {
        folders = folders == null ? List.of() : List.copyOf(folders);
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
        entries = entries == null ? List.of() : List.copyOf(entries);
        notCopied = notCopied == null ? List.of() : List.copyOf(notCopied);
    }

    public Manifest(int version, String id, Instant createdAt, Integer phase, String message, String madeBy,
            List<String> folders, List<String> skipped, String gitRef, String gitCommit, long newBytes,
            List<ManifestEntry> entries) {
        this(version, id, createdAt, phase, message, madeBy, folders, skipped, gitRef, gitCommit, newBytes, entries,
                List.of());
    }

    public Map<String, ManifestEntry> byPath() {
        return entries.stream().collect(Collectors.toMap(ManifestEntry::path, Function.identity(), (a, b) -> a,
                java.util.TreeMap::new));
    }

    public long bytes() {
        return entries.stream().filter(ManifestEntry::isFile).mapToLong(ManifestEntry::size).sum();
    }

    public long files() {
        return entries.stream().filter(e -> !e.isDir()).count();
    }
}
