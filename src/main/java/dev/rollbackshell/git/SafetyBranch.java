package dev.rollbackshell.git;

import dev.rollbackshell.project.Clocks;
import dev.rollbackshell.project.Failures;
import dev.rollbackshell.project.Project;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
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
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;

/**
 * The runbook's git safety branch, {@code redundancy_reduction_phase_<N>_backup}, made
 * without touching anything the user works with: a commit of the whole working tree
 * (tracked files, also those that match {@code .gitignore}, and untracked files that are
 * not ignored; never the backup root nor {@code .rollback/}), the bytes exactly as they
 * are on disk (no clean, smudge or encoding filters), executable bits and symbolic links
 * kept. The tree is built in an in-memory index; the repository's own index, HEAD, the
 * checked-out branch and every file of the working tree stay as they were. An existing
 * branch of that name is moved forward with its old tip as a second parent, so nothing
 * it held is lost. A branch made by hand with the runbook's git commands is just a ref
 * and is read like any other.
 */
public final class SafetyBranch {

    public static final String PREFIX = "redundancy_reduction_phase_";
    public static final String SUFFIX = "_backup";
    /** Files above this size are streamed into git instead of read whole. */
    private static final long READ_WHOLE = 8L << 20;

    private final Project project;

    public SafetyBranch(Project project) {
        this.project = project;
    }

    /** {@code redundancy_reduction_phase_<N>_backup}. */
    public static String name(int phase) {
        return PREFIX + phase + SUFFIX;
    }

    public static boolean isSafetyBranch(String name) {
        return name.startsWith(PREFIX) && name.endsWith(SUFFIX)
                && name.substring(PREFIX.length(), name.length() - SUFFIX.length()).matches("\\d+");
    }

    /**
     * What {@link #create} did.
     *
     * @param branch      the branch name, or null when none was made
     * @param commit      the snapshot commit, or null
     * @param previousTip the branch's old tip, kept as a parent, or null when the branch is new
     * @param files       entries in the snapshot
     * @param whyNot      why no branch was made (null when one was)
     */
    /** @param failed git was asked and failed (a full disk, a broken repository): not a plain "no branch here" */
    public record Result(String branch, String commit, String previousTip, int files, String whyNot, boolean failed) {

        public boolean made() {
            return commit != null;
        }

        public static Result none(String why) {
            return new Result(null, null, null, 0, why, false);
        }

        public static Result failure(String why) {
            return new Result(null, null, null, 0, why, true);
        }
    }

    /** A branch as {@link #safetyBranches()} lists it. */
    public record BranchInfo(String name, String commit, Instant time, String subject) {
    }

    /**
     * Commits the working tree to the phase's safety branch. Never throws for git
     * trouble: a project that is not a git repository, or a repository git cannot use,
     * gives a result that says why there is no branch.
     */
    public Result create(int phase, String message) {
        try (Repository repo = open()) {
            if (repo == null) {
                return Result.none("not a git repository");
            }
            return snapshot(repo, name(phase), message);
        } catch (IOException | RuntimeException e) {
            return Result.failure("git could not make it: " + Failures.describe(e));
        }
    }

    /** Local branch names, sorted; empty when the project is not a git repository. */
    public List<String> branches() {
        return refNames(Constants.R_HEADS);
    }

    /** Tag names, sorted; empty when the project is not a git repository. */
    public List<String> tags() {
        return refNames(Constants.R_TAGS);
    }

    /** The safety branches that exist, made by this tool or by hand, by name. */
    public List<BranchInfo> safetyBranches() {
        List<BranchInfo> out = new ArrayList<>();
        try (Repository repo = open()) {
            if (repo == null) {
                return out;
            }
            try (RevWalk walk = new RevWalk(repo)) {
                for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
                    String name = Repository.shortenRefName(ref.getName());
                    if (!isSafetyBranch(name) || ref.getObjectId() == null) {
                        continue;
                    }
                    RevCommit c = walk.parseCommit(ref.getObjectId());
                    out.add(new BranchInfo(name, c.getName(), c.getCommitterIdent().getWhenAsInstant(),
                            c.getShortMessage()));
                }
            }
        } catch (IOException | RuntimeException e) {
            return out;
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    private List<String> refNames(String prefix) {
        List<String> out = new ArrayList<>();
        try (Repository repo = open()) {
            if (repo != null) {
                for (Ref ref : repo.getRefDatabase().getRefsByPrefix(prefix)) {
                    out.add(ref.getName().substring(prefix.length()));
                }
            }
        } catch (IOException | RuntimeException e) {
            return out;
        }
        out.sort(null);
        return out;
    }

    /** The repository the project lives in (like git, looking upwards), or null. */
    private Repository open() throws IOException {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true)
                .findGitDir(project.root().toFile());
        if (builder.getGitDir() == null) {
            return null;
        }
        Repository repo = builder.build();
        if (repo.isBare()) {
            repo.close();
            return null;
        }
        return repo;
    }

    private Result snapshot(Repository repo, String branch, String message) throws IOException {
        String refName = Constants.R_HEADS + branch;
        Ref head = repo.exactRef(Constants.HEAD);
        if (head != null && head.isSymbolic() && head.getTarget().getName().equals(refName)) {
            return Result.none(branch + " is the branch checked out; moving it would change what git status"
                    + " shows, so it was left alone (check out your working branch, or pick another --phase)");
        }
        Path workTree = repo.getWorkTree().toPath().toRealPath();
        Set<String> excluded = Set.of(rel(workTree, project.backupRoot()), rel(workTree, project.stateDir()));
        boolean trustFileMode = repo.getConfig().getBoolean("core", "filemode", true);

        DirCache tree = DirCache.newInCore();
        DirCacheBuilder builder = tree.builder();
        ObjectId commitId;
        String previousTip;
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

            List<ObjectId> parents = new ArrayList<>();
            ObjectId headCommit = repo.resolve(Constants.HEAD + "^{commit}");
            if (headCommit != null) {
                parents.add(headCommit);
            }
            Ref old = repo.exactRef(refName);
            previousTip = old == null || old.getObjectId() == null ? null : old.getObjectId().getName();
            if (old != null && old.getObjectId() != null && !parents.contains(old.getObjectId())) {
                parents.add(old.getObjectId());
            }
            PersonIdent who = identity(repo);
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(treeId);
            commit.setParentIds(parents);
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage(message.endsWith("\n") ? message : message + "\n");
            commitId = inserter.insert(commit);
            inserter.flush();

            RefUpdate update = repo.updateRef(refName);
            update.setNewObjectId(commitId);
            update.setExpectedOldObjectId(old == null || old.getObjectId() == null ? ObjectId.zeroId()
                    : old.getObjectId());
            update.setRefLogMessage("rollback-shell: safety snapshot of the working tree", false);
            RefUpdate.Result r = update.update();
            if (r != RefUpdate.Result.NEW && r != RefUpdate.Result.FAST_FORWARD && r != RefUpdate.Result.FORCED) {
                return Result.failure("git refused to move " + branch + " (" + r + ")");
            }
        }
        return new Result(branch, commitId.getName(), previousTip, files, null, false);
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

    private static String rel(Path workTree, Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(workTree) ? workTree.relativize(abs).toString().replace(File.separatorChar, '/') : "";
    }
}
