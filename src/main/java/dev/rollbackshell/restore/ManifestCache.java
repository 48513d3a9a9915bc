package dev.rollbackshell.restore;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.backup.Manifest;
import dev.rollbackshell.backup.ManifestEntry;
import dev.rollbackshell.project.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Backup manifests as restores read them, parsed once per process while their file stays
 * the same (same size, time and inode): a shell that restores one file after another does
 * not re-read a 10,000-entry manifest each time.
 */
final class ManifestCache {

    private static final int MAX = 8;

    private record Key(Path file, long size, long mtime, Object inode) {
    }

    private static final Map<Path, Map.Entry<Key, TreeMap<String, SourceEntry>>> CACHE =
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Path, Map.Entry<Key, TreeMap<String, SourceEntry>>> e) {
                    return size() > MAX;
                }
            };

    private ManifestCache() {
    }

    /** The backup's entries by project path. */
    static TreeMap<String, SourceEntry> entries(Project project, BackupStore store, Backup b) {
        Path file = b.manual() ? project.state("manifests").resolve(b.id() + ".json") : b.manifestFile();
        Key before = key(file);
        synchronized (CACHE) {
            var hit = CACHE.get(file);
            if (hit != null && before != null && hit.getKey().equals(before)) {
                return hit.getValue();
            }
        }
        Manifest m = store.manifest(b);
        TreeMap<String, SourceEntry> entries = new TreeMap<>();
        for (ManifestEntry e : m.entries()) {
            Instant mtime = e.mtime() > 0 ? Instant.ofEpochMilli(e.mtime()) : null;
            entries.put(e.path(), new SourceEntry(e.path(), e.type(), e.size(), e.mode(), mtime, e.sha256(), e.link()));
        }
        Key after = key(file);
        if (after != null && (before == null || before.equals(after))) {
            synchronized (CACHE) {
                CACHE.put(file, Map.entry(after, entries));
            }
        }
        return entries;
    }

    private static Key key(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Key(file, a.size(), a.lastModifiedTime().toMillis(), Objects.requireNonNullElse(a.fileKey(), ""));
        } catch (IOException e) {
            return null;
        }
    }
}
