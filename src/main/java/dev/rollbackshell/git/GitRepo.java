package dev.rollbackshell.git;

import dev.rollbackshell.project.Names;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.RollbackException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The project's git repository, read only: the one place it is opened (only when its work
 * tree contains the project), its refs ({@code HEAD~1}, a branch such as
 * {@code redundancy_reduction_phase_1_backup}, a tag, a commit id) resolved to commits, and
 * its blobs read, with JGit, never touching HEAD, the index or any file. Its trees are read
 * by {@link GitTrees}, its history by {@link GitHistory}. Paths here are project-relative;
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

    /**
     * The repository holding the project, if there is one: found like git, looking upwards,
     * and only when its work tree contains the project (never a bare one).
     */
    public static Optional<GitRepo> find(Project project) {
        try {
            return locate(project);
        } catch (IOException e) {
            throw RollbackException.problem("cannot open the git repository of " + project.root() + ": " + e.getMessage());
        }
    }

    /** {@link #find} with git's own failure as it is, for a caller that words it itself. */
    static Optional<GitRepo> locate(Project project) throws IOException {
        FileRepositoryBuilder b = new FileRepositoryBuilder().findGitDir(project.root().toFile());
        if (b.getGitDir() == null) {
            return Optional.empty();
        }
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

    /** A resolved ref. */
    public record Commit(String ref, ObjectId id, String shortId, String message) {

        /** "git REF (SHORT-ID)": how a restore names it. */
        public String describe() {
            return "git " + ref + " (" + shortId + ")";
        }
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
        Set<String> names = new TreeSet<>(names(Constants.R_HEADS));
        names.addAll(names(Constants.R_TAGS));
        List<String> out = new ArrayList<>(names);
        out.add(0, Constants.HEAD);
        return out;
    }

    /** Local branch names, sorted. */
    public List<String> branchNames() {
        return names(Constants.R_HEADS);
    }

    /** Local branches by short name, sorted, with the object each points at (read once: one look at the refs). */
    public SortedMap<String, ObjectId> branches() {
        return refs(Constants.R_HEADS);
    }

    /** The short names of the refs under {@code prefix} ({@code refs/heads/}, {@code refs/tags/}), sorted. */
    private List<String> names(String prefix) {
        return new ArrayList<>(refs(prefix).keySet());
    }

    private SortedMap<String, ObjectId> refs(String prefix) {
        SortedMap<String, ObjectId> out = new TreeMap<>();
        try {
            for (Ref r : repo.getRefDatabase().getRefsByPrefix(prefix)) {
                out.put(Repository.shortenRefName(r.getName()), r.getObjectId());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

    /**
     * The JGit repository, for the code that writes objects and refs of its own
     * ({@link SafetyBranch}; {@code remote/}: backups as commits under {@code refs/rollback/});
     * never HEAD, the index or the work tree.
     */
    public Repository repository() {
        return repo;
    }

    /** The paths of its commits' trees and what its ignore rules leave out. */
    public GitTrees trees() {
        return new GitTrees(this);
    }

    /** The walks through its history. */
    public GitHistory history() {
        return new GitHistory(this);
    }

    /** The project's folder inside the work tree with a trailing slash, "" when it is the work tree. */
    String prefix() {
        return prefix;
    }

    @Override
    public void close() {
        repo.close();
    }
}
