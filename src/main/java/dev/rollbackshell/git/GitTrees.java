package dev.rollbackshell.git;

import dev.rollbackshell.project.RollbackException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * Which project paths a {@link GitRepo} has: the files and links of a commit's tree (what a
 * restore from git writes), and the paths of the working tree that git's ignore rules keep
 * out of every commit (what such a restore leaves alone). Read only, by project path.
 */
public final class GitTrees {

    private final GitRepo git;

    GitTrees(GitRepo git) {
        this.git = git;
    }

    /** One file of a tree: project-relative path, git mode, blob id. */
    public record Entry(String path, FileMode mode, ObjectId id) {
        public boolean isLink() {
            return mode == FileMode.SYMLINK;
        }

        public boolean isExecutable() {
            return mode == FileMode.EXECUTABLE_FILE;
        }
    }

    /**
     * The files (and links) of the commit's tree at {@code path} and below, by project path;
     * {@code path} "" means the whole project. Submodules are left out.
     */
    public TreeMap<String, Entry> list(GitRepo.Commit commit, String path) {
        try {
            return list(commit.id(), path);
        } catch (IOException e) {
            throw RollbackException.problem("cannot read the tree of " + commit.ref() + ": " + e.getMessage());
        }
    }

    /**
     * The files (path → blob id) a ref holds at or under a project-relative path, as
     * {@link #list}; an unknown ref or an unreadable tree is an {@link IOException}.
     */
    public TreeMap<String, ObjectId> files(String ref, String path) throws IOException {
        ObjectId commitId = git.tryResolve(ref).orElseThrow(() -> new IOException("no git ref " + ref));
        TreeMap<String, ObjectId> out = new TreeMap<>();
        list(commitId, path).forEach((p, e) -> out.put(p, e.id()));
        return out;
    }

    private TreeMap<String, Entry> list(ObjectId commitId, String path) throws IOException {
        Repository repo = git.repository();
        String prefix = git.prefix();
        TreeMap<String, Entry> out = new TreeMap<>();
        try (RevWalk rw = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(rw.parseCommit(commitId).getTree());
            tw.setRecursive(true);
            String gitPath = prefix + path;
            if (gitPath.endsWith("/")) {
                gitPath = gitPath.substring(0, gitPath.length() - 1);
            }
            if (!gitPath.isEmpty()) {
                tw.setFilter(PathFilter.create(gitPath));
            }
            while (tw.next()) {
                FileMode mode = tw.getFileMode(0);
                if (mode == FileMode.GITLINK) {
                    continue;
                }
                String p = tw.getPathString();
                if (!p.startsWith(prefix)) {
                    continue;
                }
                String rel = p.substring(prefix.length());
                out.put(rel, new Entry(rel, mode, tw.getObjectId(0)));
            }
        }
        return out;
    }

    /**
     * Project paths under {@code folder} that git ignores (.gitignore, info/exclude): an
     * ignored folder is given once, not its content. Such files cannot be in a commit, so a
     * restore from git leaves them alone.
     */
    public Set<String> ignoredUnder(String folder) {
        Repository repo = git.repository();
        String prefix = git.prefix();
        Set<String> out = new HashSet<>();
        File work = repo.getWorkTree();
        String gitFolder = prefix + folder;
        try (TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(new FileTreeIterator(repo));
            tw.setRecursive(false);
            tw.setFilter(PathFilter.create(gitFolder));
            while (tw.next()) {
                WorkingTreeIterator it = tw.getTree(0, WorkingTreeIterator.class);
                String p = tw.getPathString();
                boolean inside = p.equals(gitFolder) || p.startsWith(gitFolder + "/");
                if (inside && it != null && it.isEntryIgnored()) {
                    if (p.startsWith(prefix)) {
                        out.add(p.substring(prefix.length()));
                    }
                    continue;
                }
                if (tw.isSubtree()) {
                    tw.enterSubtree();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ignore rules of " + work, e);
        }
        return out;
    }
}
