package dev.rollbackshell.git;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The walks through a {@link GitRepo}'s history, read only: the commits that changed one
 * project path ({@code backup log}) and the first-parent line from a commit (the last known
 * good state's bisection). Paths are project-relative, as everywhere in {@code git/}.
 */
public final class GitHistory {

    private final GitRepo git;

    GitHistory(GitRepo git) {
        this.git = git;
    }

    /**
     * One commit that changed a path: the path's blob there, or null when the commit
     * deleted it.
     */
    public record PathChange(ObjectId commit, String shortId, Instant time, String subject, ObjectId blob,
            FileMode mode) {
    }

    /**
     * Every commit that changed one project path, newest first, in the history of HEAD and
     * of the given branches (the safety branches): what {@code git log -- PATH} lists.
     */
    public List<PathChange> changes(String path, List<String> branches) throws IOException {
        Repository repo = git.repository();
        String gitPath = git.prefix() + path;
        List<PathChange> out = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repo)) {
            boolean any = false;
            List<String> starts = new ArrayList<>();
            starts.add(Constants.HEAD);
            branches.forEach(b -> starts.add(Constants.R_HEADS + b));
            for (String s : starts) {
                ObjectId id = git.tryResolve(s).orElse(null);
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
    public List<GitRepo.Commit> firstParents(String from, int max) {
        List<GitRepo.Commit> out = new ArrayList<>();
        Optional<ObjectId> start = git.tryResolve(from);
        if (start.isEmpty()) {
            return out;
        }
        try (RevWalk walk = new RevWalk(git.repository())) {
            RevCommit c = walk.parseCommit(start.get());
            while (c != null && out.size() < max) {
                out.add(new GitRepo.Commit(c.getId().name(), c.getId(), c.getId().abbreviate(7).name(),
                        c.getShortMessage()));
                c = c.getParentCount() == 0 ? null : walk.parseCommit(c.getParent(0));
            }
        } catch (IOException e) {
            // a history that cannot be read further ends here
        }
        return out;
    }
}
