package dev.rollbackshell.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The previous complete backup a new one links unchanged files to (rsync's
 * {@code --link-dest}): which backup that is ({@link #newest}), when a file is taken as
 * unchanged (same size, time and mode, and a time old enough to trust), and the hard link
 * itself, made only when the old copy is still what its manifest says. Used by
 * {@link TreeCopier} while copying and by {@link BackupService} to count the space a
 * backup needs.
 */
record LinkSource(Backup backup, Map<String, ManifestEntry> entries, long createdAtMillis) {

    /** The newest complete backup made by the tool, whose unchanged files can be linked. */
    static LinkSource newest(BackupStore store, Consumer<String> note) {
        List<Backup> all = store.list();
        for (int i = all.size() - 1; i >= 0; i--) {
            Backup b = all.get(i);
            if (b.manual() || !b.complete()) {
                continue;
            }
            try {
                Manifest m = store.manifest(b);
                Map<String, ManifestEntry> byPath = new HashMap<>(m.entries().size() * 2);
                for (ManifestEntry e : m.entries()) {
                    byPath.put(e.path(), e);
                }
                long created = m.createdAt() == null ? Long.MIN_VALUE + 10_000 : m.createdAt().toEpochMilli();
                return new LinkSource(b, byPath, created);
            } catch (RuntimeException e) {
                note.accept("cannot read the manifest of backup " + b.id() + "; copying every file");
                return null;
            }
        }
        return null;
    }

    /** True when a file of this size, time and mode is taken as the one {@code was} describes (linked, not copied). */
    boolean unchanged(ManifestEntry was, long size, long mtime, String mode) {
        return was != null && was.isFile() && was.sha256() != null && was.size() == size && was.mtime() == mtime
                && Objects.equals(was.mode(), mode) && !ChangeDetector.tooRecentToTrust(mtime, createdAtMillis);
    }

    /**
     * Hard-links an unchanged file to this backup's copy: the entry it has there (its hash
     * carried over), or null when it must be copied. {@code checksum}: linked only when its
     * content hashes to that copy's too.
     */
    ManifestEntry link(Path source, Path target, String path, Attrs a, boolean checksum) {
        ManifestEntry was = entries.get(path);
        if (!unchanged(was, a.size(), a.mtime().toMillis(), a.mode())) {
            return null;
        }
        Path old = backup.copyOf(path);
        if (old == null) {
            return null; // its folder is gone from that backup
        }
        try {
            Attrs copy = Attrs.of(old);
            // the old copy must still be what its manifest says (not replaced or edited since)
            if (!copy.regular() || copy.size() != was.size() || copy.mtime().toMillis() != was.mtime()) {
                return null;
            }
            if (checksum && !was.sha256().equals(Hashing.sha256(source))) {
                return null; // same size and time, other content: an edit the times do not show
            }
            Files.createLink(target, old);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null; // another file system, too many links...: copy instead
        }
        return was;
    }
}
