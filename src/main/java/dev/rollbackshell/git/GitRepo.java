package dev.rollbackshell.git;

import dev.rollbackshell.project.Names;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.RollbackException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * The project's git repository, read only: commits and trees at any ref ({@code HEAD~1},
 * a branch such as {@code redundancy_reduction_phase_1_backup}, a tag, a commit id) read
 * with JGit, never touching HEAD, the index or any file. Paths here are project-relative;
 * the project may be a sub-folder of the repository's work tree.
 */
public final class GitRepo implements AutoCloseable {

    private final Repository repo;
    /** The project's folder inside the work tree ("" when it is the work tree itself), with a trailing slash. */
    private final String prefix;

    private GitRepo(Repository repo, String prefix) {
        this.repo = repo;
        this.prefix = prefix;
    }

    /** The repository holding the project, if there is one. */
    public static Optional<GitRepo> find(Project project) {
        FileRepositoryBuilder b = new FileRepositoryBuilder().findGitDir(project.root().toFile());
        if (b.getGitDir() == null) {
            return Optional.empty();
        }
        try {
            Repository repo = b.setMustExist(true).build();
            if (repo.isBare()) {
                repo.close();
                return Optional.empty();
            }
            Path work = repo.getWorkTree().toPath().toRealPath();
            if (!project.root().startsWith(work)) {
                repo.close();
                return Optional.empty();
            }
            String rel = work.relativize(project.root()).toString().replace('\\', '/');
            return Optional.of(new GitRepo(repo, rel.isEmpty() ? "" : rel + "/"));
        } catch (IOException e) {
            throw RollbackException.problem("cannot open the git repository of " + project.root() + ": " + e.getMessage());
        }
    }

    /** Like {@link #find} but refuses (exit 2) when the project is not in a git repository. */
    public static GitRepo open(Project project) {
        return find(project).orElseThrow(() -> RollbackException.badInput("the project " + project.root()
                + " is not in a git repository; restore from a backup instead (--from ID)"));
    }

    /**
     * Like {@link #find} but a repository that cannot be opened counts as none: for
     * diagnosis and suggestions, which go on without git.
     */
    public static Optional<GitRepo> findReadable(Project project) {
        try {
            return find(project);
        } catch (RollbackException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** One file of a tree: project-relative path, git mode, blob id. */
    public record Entry(String path, FileMode mode, ObjectId id) {
        public boolean isLink() {
            return mode == FileMode.SYMLINK;
        }

        public boolean isExecutable() {
            return mode == FileMode.EXECUTABLE_FILE;
        }

        public boolean isFile() {
            return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE;
        }
    }

    /** A resolved ref. */
    public record Commit(String ref, ObjectId id, String shortId, String message) {
    }

    /** Resolves a ref to a commit, or refuses (exit 2) naming the nearest refs. */
    public Commit resolve(String ref) {
        if (ref == null || ref.isBlank()) {
            throw RollbackException.badInput("empty git ref; give one such as HEAD~1 or a branch name");
        }
        ObjectId id;
        try {
            id = repo.resolve(ref + "^{commit}");
        } catch (AmbiguousObjectException e) {
            throw RollbackException.badInput("git ref " + ref + " is ambiguous; give more characters of the commit id");
        } catch (RevisionSyntaxException | IncorrectObjectTypeException e) {
            id = null;
        } catch (IOException e) {
            throw RollbackException.problem("cannot read git ref " + ref + ": " + e.getMessage());
        }
        if (id == null) {
            String hint = Names.didYouMean(ref, refNames());
            if (hint.isEmpty() && ref.matches("HEAD[~^].*")) {
                hint = "; the history is not that long ('git log --oneline' shows it)";
            }
            throw RollbackException.badInput("no git ref " + ref + hint);
        }
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit c = walk.parseCommit(id);
            return new Commit(ref, c.getId(), c.getId().abbreviate(7).name(), c.getShortMessage());
        } catch (IOException e) {
            throw RollbackException.problem("cannot read commit " + id.name() + ": " + e.getMessage());
        }
    }

    /** The commit a ref names ({@code HEAD~1}, a branch, a commit id), if it resolves; never refuses. */
    public Optional<ObjectId> tryResolve(String ref) {
        try {
            return Optional.ofNullable(repo.resolve(ref + "^{commit}"));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Branch names, tag names and HEAD: what {@code --git} completes and "did you mean" offers. */
    public List<String> refNames() {
        Set<String> names = new TreeSet<>();
        try {
            for (Ref r : repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
                names.add(Repository.shortenRefName(r.getName()));
            }
            for (Ref r : repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
                names.add(Repository.shortenRefName(r.getName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> out = new ArrayList<>(names);
        if (repo.getRefDatabase() != null) {
            out.add(0, Constants.HEAD);
        }
        return out;
    }

    /** Branch names only. */
    public List<String> branchNames() {
        List<String> out = new ArrayList<>();
        try {
            for (Ref r : repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
                out.add(Repository.shortenRefName(r.getName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(null);
        return out;
    }

    /**
     * The files (and links) of the commit's tree at {@code path} and below, by project path;
     * {@code path} "" means the whole project. Submodules are left out.
     */
    public TreeMap<String, Entry> list(Commit commit, String path) {
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
        ObjectId commitId = tryResolve(ref).orElseThrow(() -> new IOException("no git ref " + ref));
        TreeMap<String, ObjectId> out = new TreeMap<>();
        list(commitId, path).forEach((p, e) -> out.put(p, e.id()));
        return out;
    }

    private TreeMap<String, Entry> list(ObjectId commitId, String path) throws IOException {
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

    /** Size of a blob. */
    public long size(ObjectId blob) {
        try (ObjectReader r = repo.newObjectReader()) {
            return r.getObjectSize(blob, Constants.OBJ_BLOB);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read git object " + blob.name(), e);
        }
    }

    /** The content of a blob. */
    public InputStream open(ObjectId blob) throws IOException {
        try {
            return repo.open(blob, Constants.OBJ_BLOB).openStream();
        } catch (MissingObjectException e) {
            throw new IOException("git object " + blob.name() + " is missing from the repository", e);
        }
    }

    public byte[] read(ObjectId blob) throws IOException {
        try (InputStream in = open(blob)) {
            return in.readAllBytes();
        }
    }

    /** The id git would give the file's content as a blob: equal ids, equal content. */
    public static ObjectId blobId(Path file) throws IOException {
        long size = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            return new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, size, in);
        }
    }

    /** The id git would give a symbolic link's target. */
    public static ObjectId blobId(byte[] content) {
        return new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, content);
    }

    /**
     * Project paths under {@code folder} that git ignores (.gitignore, info/exclude): an
     * ignored folder is given once, not its content. Such files cannot be in a commit, so a
     * restore from git leaves them alone.
     */
    public Set<String> ignoredUnder(String folder) {
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

    /**
     * The first-parent history from {@code from} (that commit first), at most {@code max}
     * commits: what {@code git log --first-parent} walks. Empty when {@code from} does not resolve.
     */
    public List<Commit> firstParents(String from, int max) {
        List<Commit> out = new ArrayList<>();
        Optional<ObjectId> start = tryResolve(from);
        if (start.isEmpty()) {
            return out;
        }
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit c = walk.parseCommit(start.get());
            while (c != null && out.size() < max) {
                out.add(new Commit(c.getId().name(), c.getId(), c.getId().abbreviate(7).name(), c.getShortMessage()));
                c = c.getParentCount() == 0 ? null : walk.parseCommit(c.getParent(0));
            }
        } catch (IOException e) {
            // a history that cannot be read further ends here
        }
        return out;
    }

    public String describe(Commit c) {
        return "git " + c.ref() + " (" + c.shortId() + ")";
    }

    @Override
    public void close() {
        repo.close();
    }
}
