package dev.rollbackshell.git;

import dev.rollbackshell.project.Failures;
import dev.rollbackshell.project.Project;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The runbook's git safety branch, {@code redundancy_reduction_phase_<N>_backup}, made
 * without touching anything the user works with: a commit of the whole working tree
 * (tracked files, also those that match {@code .gitignore}, and untracked files that are
 * not ignored; never the backup root nor {@code .rollback/}), written by
 * {@link WorkTreeSnapshot}; the repository's own index, HEAD, the checked-out branch and
 * every file of the working tree stay as they were. An existing branch of that name is
 * moved forward with its old tip as a second parent, so nothing it held is lost. A branch
 * made by hand with the runbook's git commands is just a ref and is read like any other.
 * The repository is the project's {@link GitRepo}.
 */
public final class SafetyBranch {

    private static final String PREFIX = "redundancy_reduction_phase_";
    private static final String SUFFIX = "_backup";

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
     * @param failed      git was asked and failed (a full disk, a broken repository): not a plain "no branch here"
     */
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
     * trouble: a project that is not in a git repository, or a repository git cannot use,
     * gives a result that says why there is no branch.
     */
    public Result create(int phase, String message) {
        try {
            Optional<GitRepo> found = GitRepo.locate(project);
            if (found.isEmpty()) {
                return Result.none("not a git repository");
            }
            try (GitRepo git = found.get()) {
                return snapshot(git, name(phase), message);
            }
        } catch (IOException | RuntimeException e) {
            return Result.failure("git could not make it: " + Failures.describe(e));
        }
    }

    /** The safety branches that exist, made by this tool or by hand, by name. */
    public List<BranchInfo> safetyBranches() {
        List<BranchInfo> out = new ArrayList<>();
        try (GitRepo git = GitRepo.findReadable(project).orElse(null)) {
            if (git == null) {
                return out;
            }
            Repository repo = git.repository();
            try (RevWalk walk = new RevWalk(repo)) {
                for (var branch : git.branches().entrySet()) {
                    String name = branch.getKey();
                    if (!isSafetyBranch(name) || branch.getValue() == null) {
                        continue;
                    }
                    try {
                        RevCommit c = walk.parseCommit(branch.getValue());
                        out.add(new BranchInfo(name, c.getName(), c.getCommitterIdent().getWhenAsInstant(),
                                c.getShortMessage()));
                    } catch (IOException e) {
                        // not a commit, or its object is missing: that branch is no safety net; the others still are
                    }
                }
            }
        } catch (RuntimeException e) {
            return out;
        }
        return out;
    }

    private Result snapshot(GitRepo git, String branch, String message) throws IOException {
        Repository repo = git.repository();
        String refName = Constants.R_HEADS + branch;
        Ref head = repo.exactRef(Constants.HEAD);
        if (head != null && head.isSymbolic() && head.getTarget().getName().equals(refName)) {
            return Result.none(branch + " is the branch checked out; moving it would change what git status"
                    + " shows, so it was left alone (check out your working branch, or pick another --phase)");
        }
        Set<String> excluded = Set.of(git.prefix() + Project.BACKUP_ROOT, git.prefix() + Project.STATE_DIR);
        List<ObjectId> parents = new ArrayList<>();
        ObjectId headCommit = repo.resolve(Constants.HEAD + "^{commit}");
        if (headCommit != null) {
            parents.add(headCommit);
        }
        Ref old = repo.exactRef(refName);
        ObjectId oldTip = old == null ? null : old.getObjectId();
        if (oldTip != null && !parents.contains(oldTip)) {
            parents.add(oldTip);
        }
        WorkTreeSnapshot.Written written = WorkTreeSnapshot.write(repo, excluded, parents, message);

        RefUpdate update = repo.updateRef(refName);
        update.setNewObjectId(written.commit());
        update.setExpectedOldObjectId(oldTip == null ? ObjectId.zeroId() : oldTip);
        update.setRefLogMessage("rollback-shell: safety snapshot of the working tree", false);
        RefUpdate.Result r = update.update();
        if (r != RefUpdate.Result.NEW && r != RefUpdate.Result.FAST_FORWARD && r != RefUpdate.Result.FORCED) {
            return Result.failure("git refused to move " + branch + " (" + r + ")");
        }
        return new Result(branch, written.commit().getName(), oldTip == null ? null : oldTip.getName(),
                written.files(), null, false);
    }
}
