package dev.rollbackshell.git;

import dev.rollbackshell.project.Clocks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;

/**
 * Writes the working tree into the object database as one tree and one commit, for
 * {@link SafetyBranch}: tracked files (also those that match {@code .gitignore}), untracked
 * files that are not ignored, never the excluded folders; the bytes exactly as they are on
 * disk (no clean, smudge or encoding filters), executable bits and symbolic links kept,
 * submodules at their checked-out commit. The tree is built in an in-memory index; the
 * repository's own index, HEAD and every file stay as they were. Moving a ref is the caller's.
 */
final class WorkTreeSnapshot {

    /** Files above this size are streamed into git instead of read whole. */
    private static final long READ_WHOLE = 8L << 20;

    private WorkTreeSnapshot() {
    }

    /** The snapshot commit and the number of entries in its tree. */
    record Written(ObjectId commit, int files) {
    }

    /**
     * The commit of the working tree with these parents.
     *
     * @param excluded work-tree paths of folders left out (the backup root, {@code .rollback/})
     */
    static Written write(Repository repo, Set<String> excluded, List<ObjectId> parents, String message)
            throws IOException {
        boolean trustFileMode = repo.getConfig().getBoolean("core", "filemode", true);
        DirCache tree = DirCache.newInCore();
        DirCacheBuilder builder = tree.builder();
        int files = 0;
        try (ObjectInserter inserter = repo.newObjectInserter(); TreeWalk walk = new TreeWalk(repo)) {
            DirCache index = repo.readDirCache(); // read only: the repository's index is never written
            int iIndex = walk.addTree(new DirCacheIterator(index));
            FileTreeIterator work = new FileTreeIterator(repo);
            work.setWalkIgnoredDirectories(true); // tracked files may live in ignored folders
            int iWork = walk.addTree(work);
            walk.setRecursive(false);
            while (walk.next()) {
                String path = walk.getPathString();
                WorkingTreeIterator onDisk = walk.getTree(iWork, WorkingTreeIterator.class);
                DirCacheIterator inIndex = walk.getTree(iIndex, DirCacheIterator.class);
                if (onDisk == null || excluded.contains(path)) {
                    continue; // deleted from the working tree, or the tool's own folders
                }
                boolean tracked = inIndex != null;
                if (walk.isSubtree()) {
                    if (tracked || !onDisk.isEntryIgnored()) {
                        walk.enterSubtree();
                    }
                    continue;
                }
                if (!tracked && onDisk.isEntryIgnored()) {
                    continue;
                }
                DirCacheEntry entry = entry(walk, onDisk, inIndex, inserter, trustFileMode);
                if (entry != null) {
                    builder.add(entry);
                    files++;
                }
            }
            builder.finish();
            ObjectId treeId = tree.writeTree(inserter);

            PersonIdent who = identity(repo);
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(treeId);
            commit.setParentIds(parents);
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage(message.endsWith("\n") ? message : message + "\n");
            ObjectId commitId = inserter.insert(commit);
            inserter.flush();
            return new Written(commitId, files);
        }
    }

    /** The snapshot's entry for one working-tree file: its bytes as on disk, its mode as on disk. */
    private static DirCacheEntry entry(TreeWalk walk, WorkingTreeIterator onDisk, DirCacheIterator inIndex,
            ObjectInserter inserter, boolean trustFileMode) throws IOException {
        FileMode seen = onDisk.getEntryFileMode();
        DirCacheEntry e = new DirCacheEntry(walk.getRawPath());
        if (seen == FileMode.GITLINK) { // a submodule or nested repository: its checked-out commit
            ObjectId id = onDisk.getEntryObjectId();
            if ((id == null || id.equals(ObjectId.zeroId())) && inIndex != null) {
                id = inIndex.getEntryObjectId();
            }
            if (id == null || id.equals(ObjectId.zeroId())) {
                return null;
            }
            e.setFileMode(FileMode.GITLINK);
            e.setObjectId(id);
            return e;
        }
        Path file = ((FileTreeIterator) onDisk).getEntryFile().toPath();
        if (Files.isSymbolicLink(file)) {
            byte[] target = Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8);
            e.setFileMode(FileMode.SYMLINK);
            e.setObjectId(inserter.insert(Constants.OBJ_BLOB, target));
            return e;
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        FileMode mode = executable(file) ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE;
        if (!trustFileMode && inIndex != null) {
            FileMode indexed = inIndex.getEntryFileMode();
            if (indexed == FileMode.EXECUTABLE_FILE || indexed == FileMode.REGULAR_FILE) {
                mode = indexed; // core.fileMode=false: the disk's bits mean nothing, keep the recorded ones
            }
        }
        e.setFileMode(mode);
        long size = Files.size(file);
        if (size <= READ_WHOLE) {
            e.setObjectId(inserter.insert(Constants.OBJ_BLOB, Files.readAllBytes(file)));
        } else {
            try (InputStream in = Files.newInputStream(file)) {
                e.setObjectId(inserter.insert(Constants.OBJ_BLOB, size, in));
            }
        }
        return e;
    }

    private static boolean executable(Path file) {
        try {
            return Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)
                    .contains(PosixFilePermission.OWNER_EXECUTE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static PersonIdent identity(Repository repo) {
        PersonIdent who;
        try {
            who = new PersonIdent(repo);
        } catch (RuntimeException e) {
            who = new PersonIdent("rollback-shell", "rollback-shell@localhost");
        }
        return new PersonIdent(who, Clocks.now());
    }
}
