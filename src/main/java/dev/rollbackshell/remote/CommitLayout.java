package dev.rollbackshell.remote;

import dev.rollbackshell.backup.BackupLayout;
import dev.rollbackshell.backup.Manifest;
import dev.rollbackshell.backup.ManifestCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * How a backup looks as a git commit, for both directions: the ref it is kept on
 * ({@code refs/rollback/backups/<id>}), where a project path lands in the commit's tree
 * ({@code src/a.py} at {@code src_backup/a.py}, as in the backup folder), and reading what
 * a commit holds without a work tree: its blobs and modes by path, one top-level blob,
 * its manifest. {@link BackupCommits} writes such commits, {@link BackupCheckout} turns
 * them back into backup folders. See docs/architecture.md (packages, {@code remote}).
 */
final class CommitLayout {

    static final String REF_PREFIX = "refs/rollback/backups/";

    private final Repository repo;

    CommitLayout(Repository repo) {
        this.repo = repo;
    }

    static String ref(String id) {
        return REF_PREFIX + id;
    }

    /** {@code src/a/b.py} -> {@code src_backup/a/b.py}; null for a path without a folder. */
    static String gitPath(String projectPath) {
        int slash = projectPath.indexOf('/');
        if (slash <= 0) {
            return null;
        }
        return projectPath.substring(0, slash) + BackupLayout.SUFFIX + projectPath.substring(slash);
    }

    /** The blob at a top-level path of a commit's tree, or null. */
    ObjectId blobAt(ObjectId commit, String path) throws IOException {
        try (RevWalk rw = new RevWalk(repo)) {
            RevCommit c = rw.parseCommit(commit);
            try (TreeWalk tw = TreeWalk.forPath(repo, path, c.getTree())) {
                return tw == null ? null : tw.getObjectId(0);
            }
        } catch (org.eclipse.jgit.errors.MissingObjectException e) {
            return null;
        }
    }

    /** The manifest a backup commit holds, or null when the commit or its manifest is not here. */
    Manifest manifestOf(ObjectId commit) {
        try {
            ObjectId blob = blobAt(commit, BackupLayout.MANIFEST);
            if (blob == null) {
                return null;
            }
            return ManifestCodec.read(repo.open(blob, Constants.OBJ_BLOB).getBytes(), Path.of(BackupLayout.MANIFEST));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The blobs of a backup's commit on {@code refs/rollback/backups/<id>} by git path; empty without one. */
    Map<String, ObjectId> blobsOf(String id) throws IOException {
        Map<String, ObjectId> out = new HashMap<>();
        Ref ref = repo.exactRef(ref(id));
        if (ref == null || ref.getObjectId() == null) {
            return out;
        }
        try (RevWalk rw = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(rw.parseCommit(ref.getObjectId()).getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                out.put(tw.getPathString(), tw.getObjectId(0));
            }
        }
        return out;
    }

    /** A commit's tree: blob and mode by path. */
    record Tree(Map<String, ObjectId> blobs, Map<String, FileMode> modes) {
    }

    Tree tree(ObjectId commit) throws IOException {
        Map<String, ObjectId> blobs = new TreeMap<>();
        Map<String, FileMode> modes = new HashMap<>();
        try (RevWalk rw = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(rw.parseCommit(commit).getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                blobs.put(tw.getPathString(), tw.getObjectId(0));
                modes.put(tw.getPathString(), tw.getFileMode(0));
            }
        }
        return new Tree(blobs, modes);
    }
}
