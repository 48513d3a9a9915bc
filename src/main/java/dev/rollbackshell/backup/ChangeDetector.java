package dev.rollbackshell.backup;

import dev.rollbackshell.project.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares the project's protected folders with a backup's manifest, quickly: like git's
 * index, a file whose size and modification time match the manifest is taken as unchanged
 * without reading it; a file with the same size but another time, or one touched too
 * close to the backup to trust its time, is hashed.
 */
public final class ChangeDetector {

    /** Times this close to the backup's own time cannot tell a later edit apart (coarse clocks). */
    private static final long RACY_MILLIS = 2_000;

    private ChangeDetector() {
    }

    public static Changes compare(Project project, Manifest manifest, List<String> folders) {
        return compare(project, manifest, folders, false);
    }

    /** @param checksum hash every file whose size matches (rsync's {@code --checksum}): an edit that kept size and time is seen */
    public static Changes compare(Project project, Manifest manifest, List<String> folders, boolean checksum) {
        Map<String, ManifestEntry> before = manifest.byPath();
        long backupTime = manifest.createdAt() == null ? Long.MAX_VALUE : manifest.createdAt().toEpochMilli();
        List<String> added = new ArrayList<>();
        List<String> modified = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        try {
            for (String folder : folders) {
                for (ManifestEntry now : TreeScanner.scan(project.file(folder), folder, false)) {
                    ManifestEntry was = before.remove(now.path());
                    if (was == null) {
                        added.add(now.path());
                    } else if (differs(project, was, now, backupTime, checksum)) {
                        modified.add(now.path());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the project's files", e);
        }
        for (ManifestEntry gone : before.values()) {
            String top = gone.path().contains("/") ? gone.path().substring(0, gone.path().indexOf('/')) : gone.path();
            if (folders.contains(top)) {
                deleted.add(gone.path());
            }
        }
        added.sort(null);
        modified.sort(null);
        deleted.sort(null);
        return new Changes(added, modified, deleted);
    }

    private static boolean differs(Project project, ManifestEntry was, ManifestEntry now, long backupTime,
            boolean checksum) throws IOException {
        if (!was.type().equals(now.type())) {
            return true;
        }
        if (was.isLink()) {
            return !Objects.equals(was.link(), now.link());
        }
        if (was.isDir()) {
            return false;
        }
        if (was.size() != now.size()) {
            return true;
        }
        if (!checksum && was.mtime() == now.mtime() && !tooRecentToTrust(now.mtime(), backupTime)) {
            return false;
        }
        if (was.sha256() == null) {
            return true;
        }
        Path file = project.file(now.path());
        return !was.sha256().equals(Hashing.sha256(file));
    }

    /**
     * Git's "racily clean" rule: a modification time from shortly before the backup
     * started, or later, cannot prove the file was not changed again after it was read
     * (coarse clocks, edits while the backup ran), so such a file must be hashed.
     */
    public static boolean tooRecentToTrust(long mtimeMillis, long backupTimeMillis) {
        return mtimeMillis > backupTimeMillis - RACY_MILLIS;
    }

    /** True when a project file still has the content the manifest recorded. */
    public static boolean sameContent(Path file, ManifestEntry entry) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) != entry.size()) {
            return false;
        }
        return entry.sha256() != null && entry.sha256().equals(Hashing.sha256(file));
    }
}
