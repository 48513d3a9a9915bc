package dev.rollbackshell.remote;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.backup.ManifestEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;

/**
 * A local copy an incoming file can be hard-linked to: its manifest entry, where it
 * lives, and its git blob when the backup's commit is here (null: hashed when needed).
 * Also when such a link is allowed ({@link #linkable}: same size, time and mode, the local
 * copy still as its manifest says, the remote's blob that copy's blob) and which copies a
 * fetch may link to ({@link #of}, {@link #add}: the local backups' files by path and
 * content). Used by {@link BackupCheckout} to count and make a fetched backup. See
 * docs/architecture.md (packages, {@code remote}).
 */
record LinkCandidate(ManifestEntry entry, Path copy, ObjectId blob) {

    /** Local copies by path and content, newest backup first, for hard links. */
    static Map<String, LinkCandidate> of(BackupStore store, CommitLayout commits) {
        Map<String, LinkCandidate> out = new HashMap<>();
        for (Backup b : store.list()) { // oldest first: newer ones overwrite
            add(out, b, store, commits);
        }
        return out;
    }

    /** Adds the copies of backup {@code b} (one made by the tool and complete) to {@code out}. */
    static void add(Map<String, LinkCandidate> out, Backup b, BackupStore store, CommitLayout commits) {
        if (b.manual() || !b.complete()) {
            return;
        }
        try {
            Map<String, ObjectId> blobs = commits.blobsOf(b.id());
            for (ManifestEntry e : store.manifest(b).entries()) {
                Path copy = e.isFile() && e.sha256() != null ? b.copyOf(e.path()) : null;
                String gitPath = CommitLayout.gitPath(e.path());
                if (copy != null && gitPath != null) {
                    out.put(key(e.path(), e.sha256()),
                            new LinkCandidate(e, copy, blobs.get(gitPath)));
                }
            }
        } catch (IOException | RuntimeException e) {
            // a backup whose manifest or commit cannot be read lends no links
        }
    }

    static String key(String path, String sha256) {
        return path + '\0' + sha256;
    }

    /**
     * True when an incoming file can be a hard link to {@code same}: the same size, time and
     * mode, the local copy still as its manifest says, and the remote's blob that copy's blob
     * (so a file changed on the remote is written, and caught). {@code hash}: hash a local
     * copy whose blob is not known (else it is taken as the same).
     */
    static boolean linkable(LinkCandidate same, ManifestEntry e, ObjectId blob, boolean hash) {
        if (same == null || !canLink(same, e)) {
            return false;
        }
        if (same.blob() == null && !hash) {
            return true;
        }
        return blob.equals(blobOf(same));
    }

    /** The git blob id of a local copy: from its backup's commit, else by reading it; null when unreadable. */
    private static ObjectId blobOf(LinkCandidate c) {
        if (c.blob() != null) {
            return c.blob();
        }
        try (InputStream in = Files.newInputStream(c.copy())) {
            return new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, Files.size(c.copy()), in);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean canLink(LinkCandidate c, ManifestEntry e) {
        ManifestEntry was = c.entry();
        if (was.size() != e.size() || was.mtime() != e.mtime() || !Objects.equals(was.mode(), e.mode())) {
            return false;
        }
        if (c.copy() == null) {
            return true; // a copy to come, of a backup fetched before this one (see need)
        }
        try { // the local copy must still be what its own manifest says
            BasicFileAttributes a = Files.readAttributes(c.copy(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile() && a.size() == was.size() && a.lastModifiedTime().toMillis() == was.mtime();
        } catch (IOException ex) {
            return false;
        }
    }
}
