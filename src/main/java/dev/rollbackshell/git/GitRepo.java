package dev.rollbackshell.git;

import dev.rollbackshell.project.AtomicFiles;
import dev.rollbackshell.project.Failures;
import dev.rollbackshell.project.Names;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.RollbackException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
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

    /**
     * Keeps git from listing the tool's own folders ({@code .rollback/}, the backups) as
     * untracked files, so {@code git status} stays quiet and {@code git add -A} never commits
     * a backup: adds them to the repository's {@code info/exclude} (local to this clone; the
     * project's {@code .gitignore} is never touched). Each line is added once; returns the
     * lines added (none when they were there already). Not being able to write it is not an
     * error of the command that asked: the result says so.
     */
    public static ExcludeResult excludeToolFolders(Project project) {
        Optional<GitRepo> found = findReadable(project);
        if (found.isEmpty()) {
            return new ExcludeResult(null, List.of(), null);
        }
        try (GitRepo git = found.get()) {
            Path exclude = git.repo.getCommonDirectory().toPath().resolve("info").resolve("exclude");
            String existing = Files.isRegularFile(exclude) ? Files.readString(exclude) : "";
            Set<String> have = new HashSet<>(existing.lines().map(String::strip).toList());
            List<String> added = new ArrayList<>();
            for (String folder : List.of(Project.STATE_DIR, Project.BACKUP_ROOT)) {
                String line = "/" + git.prefix + folder + "/";
                if (!have.contains(line)) {
                    added.add(line);
                }
            }
            if (added.isEmpty()) {
                return new ExcludeResult(exclude, List.of(), null);
            }
            StringBuilder text = new StringBuilder(existing);
            if (!existing.isEmpty() && !existing.endsWith("\n")) {
                text.append('\n');
            }
            text.append("# rollback-shell's own folders (session, journal, backups)\n");
            added.forEach(l -> text.append(l).append('\n'));
            Files.createDirectories(exclude.getParent());
            AtomicFiles.write(exclude, text.toString().getBytes(StandardCharsets.UTF_8));
            return new ExcludeResult(exclude, added, null);
        } catch (IOException | RuntimeException e) {
            return new ExcludeResult(null, List.of(), Failures.describe(e));
        }
    }

    /** What {@link #excludeToolFolders} did: the exclude file, the lines it added, or why it could not. */
    public record ExcludeResult(Path file, List<String> added, String failure) {
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
     * The JGit repository, for the code that writes objects and refs of its own
     * ({@code remote/}: backups as commits under {@code refs/rollback/}); never HEAD, the
     * index or the work tree.
     */
    public Repository repository() {
        return repo;
    }

    /**
     * One commit that changed a path: the path's blob there, or null when the commit
     * deleted it.
     */
    public record PathChange(ObjectId commit, String shortId, java.time.Instant time, String subject, ObjectId blob,
            FileMode mode) {
    }

    /**
     * Every commit that changed one project path, newest first, in the history of HEAD and
     * of the given branches (the safety branches): what {@code git log -- PATH} lists.
     */
    public List<PathChange> history(String path, List<String> branches) throws IOException {
        String gitPath = prefix + path;
        List<PathChange> out = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repo)) {
            boolean any = false;
            List<String> starts = new ArrayList<>();
            starts.add(Constants.HEAD);
            branches.forEach(b -> starts.add(Constants.R_HEADS + b));
            for (String s : starts) {
                ObjectId id = tryResolve(s).orElse(null);
                if (id != null) {
                    walk.markStart(walk.parseCommit(id));
                    any = true;
                }
            }
            if (!any) {
                return out;
            }
            walk.sort(RevSort.COMMIT_TIME_DESC);
            walk.setTreeFilter(AndTreeFilter.create(PathFilterGroup.createFromStrings(gitPath), TreeFilter.ANY_DIFF));
            for (RevCommit c : walk) {
                ObjectId blob = null;
                FileMode mode = null;
                try (TreeWalk tw = TreeWalk.forPath(repo, gitPath, c.getTree())) {
                    if (tw != null && !tw.isSubtree()) {
                        blob = tw.getObjectId(0);
                        mode = tw.getFileMode(0);
                    }
                }
                out.add(new PathChange(c.getId(), c.getId().abbreviate(7).name(),
                        c.getCommitterIdent().getWhenAsInstant(), c.getShortMessage(), blob, mode));
            }
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
