package dev.rollbackshell.diagnose;

import dev.rollbackshell.backup.ManifestEntry;
import dev.rollbackshell.backup.TreeScanner;
import dev.rollbackshell.project.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * Read-only look at git refs for suggestions: does a ref resolve, which files does it
 * hold under a path, and which project files would restoring from it overwrite. Never
 * changes HEAD, the index or any file.
 */
public final class GitSource implements AutoCloseable {

    private final Repository repo;
    private final String prefix;

    private GitSource(Repository repo, String prefix) {
        this.repo = repo;
        this.prefix = prefix;
    }

    /** The git repository holding the project, if there is one. */
    public static Optional<GitSource> open(Project project) {
        try {
            FileRepositoryBuilder b = new FileRepositoryBuilder().readEnvironment().findGitDir(project.root().toFile());
            if (b.getGitDir() == null) {
                return Optional.empty();
            }
            Repository repo = b.setMustExist(true).build();
            if (repo.isBare()) {
                repo.close();
                return Optional.empty();
            }
            Path work = repo.getWorkTree().toPath().toRealPath();
            String prefix = project.root().startsWith(work) ? work.relativize(project.root()).toString().replace('\\', '/') : "";
            return Optional.of(new GitSource(repo, prefix.isEmpty() ? "" : prefix + "/"));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The commit a ref names ({@code HEAD~1}, a branch, a commit id), if it resolves. */
    public Optional<ObjectId> resolve(String ref) {
        try {
            ObjectId id = repo.resolve(ref + "^{commit}");
            return Optional.ofNullable(id);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The files (path → blob id) a ref holds at or under a project-relative path. */
    public Map<String, ObjectId> files(String ref, String path) throws IOException {
        Map<String, ObjectId> out = new TreeMap<>();
        ObjectId commitId = resolve(ref).orElseThrow(() -> new IOException("no git ref " + ref));
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit commit = walk.parseCommit(commitId);
            try (TreeWalk tw = new TreeWalk(repo)) {
                tw.addTree(commit.getTree());
                tw.setRecursive(true);
                tw.setFilter(PathFilter.create(prefix + path));
                while (tw.next()) {
                    if (tw.getFileMode(0) == FileMode.TREE || tw.getFileMode(0) == FileMode.GITLINK) {
                        continue;
                    }
                    String p = tw.getPathString();
                    out.put(p.substring(prefix.length()), tw.getObjectId(0));
                }
            }
        }
        return out;
    }

    /**
     * Project files under {@code path} whose content restoring it from {@code ref} would
     * replace (different content), or with {@code exact} remove (not in the ref).
     */
    public List<String> overwrites(Project project, String ref, String path, boolean exact) throws IOException {
        Map<String, ObjectId> theirs = files(ref, path);
        List<String> out = new ArrayList<>();
        Path here = project.file(path);
        List<String> mine = new ArrayList<>();
        if (Files.isDirectory(here, LinkOption.NOFOLLOW_LINKS)) {
            for (ManifestEntry e : TreeScanner.scan(here, path, false)) {
                if (!e.isDir()) {
                    mine.add(e.path());
                }
            }
        } else if (Files.exists(here, LinkOption.NOFOLLOW_LINKS)) {
            mine.add(path);
        }
        try (ObjectInserter.Formatter f = new ObjectInserter.Formatter()) {
            for (String p : mine) {
                ObjectId want = theirs.get(p);
                Path file = project.file(p);
                if (want == null) {
                    if (exact) {
                        out.add(p);
                    }
                } else if (Files.isSymbolicLink(file)) {
                    out.add(p);
                } else if (!want.equals(f.idFor(Constants.OBJ_BLOB, Files.readAllBytes(file)))) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        repo.close();
    }
}
