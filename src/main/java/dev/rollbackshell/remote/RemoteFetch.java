package dev.rollbackshell.remote;

import dev.rollbackshell.backup.BackupLayout;
import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.backup.Trees;
import dev.rollbackshell.git.GitRepo;
import dev.rollbackshell.git.SafetyBranch;
import dev.rollbackshell.project.Clocks;
import dev.rollbackshell.project.Failures;
import dev.rollbackshell.project.FreeSpace;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.RollbackException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;

/**
 * {@code backup fetch}, behind {@link RemoteBackups#fetch}: the remote's backups that are
 * not here received onto remote-tracking refs with the safety branches they name, the
 * space they need counted first, each written as a backup folder under
 * {@code .incomplete-<id>-<pid>/} ({@link BackupCheckout}, hard-linked to identical local
 * copies) and renamed only when every file matched its manifest; what was fetched kept in
 * {@link RemoteState}. See docs/backups.md ("Off the machine").
 */
final class RemoteFetch {

    private final RemoteBackups owner;
    private final Project project;
    private final BackupStore store;
    private final Consumer<String> progress;

    RemoteFetch(RemoteBackups owner) {
        this.owner = owner;
        this.project = owner.project;
        this.store = owner.store;
        this.progress = owner.progress;
    }

    /** {@link RemoteBackups#fetch}. */
    RemoteBackups.FetchReport fetch(String remoteName) {
        try (GitRepo git = owner.openRepo("fetch")) {
            Repository repo = git.repository();
            Remotes.Target target = Remotes.resolve(repo, project.root(), remoteName);
            Map<String, ObjectId> remote = owner.remoteBackups(repo, target, "fetch");
            Set<String> here = owner.localIds();
            List<String> already = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String id : remote.keySet()) {
                (here.contains(id) ? already : missing).add(id);
            }
            missing.sort(BackupStore::compareIds);
            if (missing.isEmpty()) {
                return new RemoteBackups.FetchReport(target.name(), target.url(), List.of(), already, List.of(), List.of());
            }
            String tracking = "refs/rollback/remotes/" + target.refName() + "/";
            List<RefSpec> specs = new ArrayList<>();
            for (String id : missing) {
                specs.add(new RefSpec("+" + CommitLayout.ref(id) + ":" + tracking + id));
            }
            progress.accept("fetching " + missing.size() + (missing.size() == 1 ? " backup" : " backups") + " from "
                    + target.describe());
            receive(repo, target, specs);
            fetchSafetyBranches(repo, target, missing);

            BackupCheckout checkout = new BackupCheckout(repo);
            CommitLayout commits = new CommitLayout(repo);
            Map<String, LinkCandidate> links = LinkCandidate.of(store, commits);
            List<RemoteBackups.FetchedBackup> fetched = new ArrayList<>();
            List<RemoteBackups.Refused> refused = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            Path root = project.backupRoot();
            requireSpace(repo, checkout, tracking, missing, links, root);
            Files.createDirectories(root);
            RemoteState state = RemoteState.load(project);
            for (String id : missing) {
                Ref ref = repo.exactRef(tracking + id);
                if (ref == null || ref.getObjectId() == null) {
                    skipped.add(id + ": not received");
                    continue;
                }
                Path reserved = root.resolve(id);
                try {
                    Files.createDirectory(reserved);
                } catch (FileAlreadyExistsException e) {
                    skipped.add(id + ": " + reserved + " exists here already (not a usable backup); move it away");
                    continue;
                }
                Path tmp = root.resolve(BackupLayout.IN_PROGRESS_PREFIX + id + "-" + ProcessHandle.current().pid());
                boolean published = false;
                try {
                    Files.createDirectory(tmp);
                    progress.accept("backup " + id + ": checking every file against its manifest");
                    BackupCheckout.Made made = checkout.materialize(ref.getObjectId(), id, tmp, links);
                    if (!made.problems().isEmpty()) {
                        refused.add(new RemoteBackups.Refused(id, made.problems()));
                        continue;
                    }
                    Files.move(tmp, reserved, StandardCopyOption.ATOMIC_MOVE);
                    published = true;
                    keepRef(repo, id, ref.getObjectId());
                    state = state.withFetched(id, new RemoteState.Fetched(target.name(), target.url(),
                            ref.getObjectId().name(), Clocks.now()));
                    fetched.add(new RemoteBackups.FetchedBackup(id, ref.getObjectId().name(), made.files(), made.written(),
                            made.linked(), made.bytes()));
                    store.find(id).ifPresent(b -> LinkCandidate.add(links, b, store, commits));
                } finally {
                    if (!published) {
                        Trees.deleteQuietly(tmp);
                        Files.deleteIfExists(reserved);
                    }
                }
            }
            if (!fetched.isEmpty()) {
                state.save(project);
            }
            return new RemoteBackups.FetchReport(target.name(), target.url(), fetched, already, refused, skipped);
        } catch (IOException e) {
            throw RollbackException.problem("the fetch failed: " + Failures.describe(e)
                    + "; no partial backup was left", e);
        }
    }

    /**
     * Refuses (exit 2) before any backup folder is written when the backups' file system
     * cannot hold what the fetch adds there: the files of the received backups that no
     * identical local copy can lend by a hard link, counted from each commit's tree and
     * manifest ({@link BackupCheckout#need}), plus folders, manifests and baselines.
     */
    private static void requireSpace(Repository repo, BackupCheckout checkout, String tracking, List<String> ids,
            Map<String, LinkCandidate> links, Path root) throws IOException {
        Map<String, LinkCandidate> planned = new HashMap<>(links);
        BackupCheckout.Need need = new BackupCheckout.Need(0, 0, 0, 0);
        int backups = 0;
        for (String id : ids) {
            Ref ref = repo.exactRef(tracking + id);
            if (ref != null && ref.getObjectId() != null) {
                need = need.plus(checkout.need(ref.getObjectId(), planned));
                backups++;
            }
        }
        FreeSpace.require(root, need.bytes() + need.other(), "the fetch (" + backups + (backups == 1 ? " backup, "
                : " backups, ") + need.write() + (need.write() == 1 ? " file" : " files") + " to write, " + need.linked()
                + " hard-linked)", "new bytes " + FreeSpace.bytes(need.bytes()) + " + folders and manifests "
                + FreeSpace.bytes(need.other()) + ", in " + root);
    }

    private void receive(Repository repo, Remotes.Target target, List<RefSpec> specs) {
        try {
            Git.wrap(repo).fetch().setRemote(target.spec()).setRefSpecs(specs).setCheckFetchedObjects(true)
                    .setTagOpt(TagOpt.NO_TAGS).setRemoveDeletedRefs(false).setTimeout(RemoteBackups.TIMEOUT_SECONDS)
                    .setCredentialsProvider(new Remotes.GitCredentials(project.root())).call();
        } catch (GitAPIException | JGitInternalException e) {
            throw Remotes.failure("fetch", target, e);
        }
    }

    /** The safety branches the fetched backups name, when this repository has no branch of that name. */
    private void fetchSafetyBranches(Repository repo, Remotes.Target target, List<String> ids) {
        try {
            Collection<Ref> refs = Git.wrap(repo).lsRemote().setRemote(target.spec()).setHeads(true)
                    .setTimeout(RemoteBackups.TIMEOUT_SECONDS).setCredentialsProvider(new Remotes.GitCredentials(project.root()))
                    .call();
            List<RefSpec> specs = new ArrayList<>();
            for (Ref r : refs) {
                String name = Repository.shortenRefName(r.getName());
                if (r.getName().startsWith(Constants.R_HEADS) && SafetyBranch.isSafetyBranch(name)
                        && repo.exactRef(r.getName()) == null) {
                    specs.add(new RefSpec(r.getName() + ":" + r.getName()));
                }
            }
            if (!specs.isEmpty()) {
                receive(repo, target, specs);
            }
        } catch (GitAPIException | JGitInternalException | IOException | RollbackException e) {
            progress.accept("the safety branches were not fetched: " + Remotes.rootMessage(e));
        }
    }

    private static void keepRef(Repository repo, String id, ObjectId commit) throws IOException {
        RefUpdate u = repo.updateRef(CommitLayout.ref(id));
        u.setNewObjectId(commit);
        u.setForceUpdate(true);
        u.setRefLogMessage("rollback-shell: fetched backup " + id, false);
        u.update();
    }
}
