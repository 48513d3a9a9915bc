package dev.rollbackshell.remote;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.backup.BackupLayout;
import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.backup.Manifest;
import dev.rollbackshell.git.GitRepo;
import dev.rollbackshell.project.Failures;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.RollbackException;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

/**
 * Backups through the project's git remotes: {@code backup push}, {@code backup fetch} and
 * {@code backup list --remote}. Each folder backup travels as one commit on
 * {@code refs/rollback/backups/<id>} ({@link BackupCommits}); git's own transport carries
 * it (only the objects the remote lacks are sent), and a receiving git moves a ref only
 * once every object of the push has arrived, so a push cut off half-way leaves no ref that
 * names a partial backup. Fetched backups become ordinary backup folders, built under
 * {@code .incomplete-<id>-<pid>/} and renamed when every file matched the manifest.
 * This class is their face and lists what a remote holds; a push is {@link RemotePush}'s,
 * a fetch {@link RemoteFetch}'s. See docs/backups.md ("Off the machine").
 */
public final class RemoteBackups {

    static final int TIMEOUT_SECONDS = 120;

    final Project project;
    final BackupStore store;
    final Consumer<String> progress;
    /** Test hook: called with the number of objects written so far while a push sends its pack. */
    IntConsumer whileSending = n -> {
    };

    public RemoteBackups(Project project, BackupStore store, Consumer<String> progress) {
        this.project = project;
        this.store = store;
        this.progress = progress;
    }

    /** How one backup went. */
    public enum Sent { PUSHED, ALREADY_THERE }

    public record PushedBackup(String id, String commit, Sent status) {
    }

    /**
     * What {@code backup push} did.
     *
     * @param objects  objects sent (git's count; 0 when the remote had everything)
     * @param branches safety branches pushed along
     */
    public record PushReport(String remote, String url, List<PushedBackup> backups, List<String> branches,
            int objects) {
    }

    /** A backup the remote holds, as {@code backup list --remote} shows it. */
    public record RemoteBackup(String id, String commit, Instant createdAt, boolean here, Integer phase,
            Long files, String message) {
    }

    public record RemoteListing(String remote, String url, List<RemoteBackup> backups) {
    }

    /** A backup brought back: files written and hard-linked. */
    public record FetchedBackup(String id, String commit, int files, int written, int linked, long bytes) {
    }

    /** A backup refused: the files that do not match its manifest ("path: why"). */
    public record Refused(String id, List<String> problems) {
    }

    public record FetchReport(String remote, String url, List<FetchedBackup> fetched, List<String> alreadyHere,
            List<Refused> refused, List<String> skipped) {

        public boolean ok() {
            return refused.isEmpty();
        }
    }

    /**
     * Pushes backups (default: the selected one, else the newest) and their safety
     * branches. Refuses (exit 1) a backup whose copies do not match its manifest, naming
     * the files; refuses (exit 2) an unknown remote, a remote that cannot be reached or
     * that rejects the push.
     */
    public PushReport push(String remoteName, List<String> ids, boolean all, String selectedId) {
        return new RemotePush(this).push(remoteName, ids, all, selectedId);
    }

    /** Backups the remote holds, without fetching them. */
    public RemoteListing list(String remoteName) {
        try (GitRepo git = openRepo("list --remote")) {
            Repository repo = git.repository();
            Remotes.Target target = Remotes.resolve(repo, project.root(), remoteName);
            Map<String, ObjectId> remote = remoteBackups(repo, target, "list");
            Set<String> here = localIds();
            CommitLayout commits = new CommitLayout(repo);
            List<RemoteBackup> out = new ArrayList<>();
            for (Map.Entry<String, ObjectId> e : remote.entrySet()) {
                Manifest m = repo.getObjectDatabase().has(e.getValue()) ? commits.manifestOf(e.getValue()) : null;
                Instant created = m != null && m.createdAt() != null ? m.createdAt()
                        : java.util.Optional.ofNullable(BackupLayout.timeOf(e.getKey()))
                                .map(t -> t.atZone(ZoneId.systemDefault()).toInstant()).orElse(null);
                out.add(new RemoteBackup(e.getKey(), e.getValue().name(), created, here.contains(e.getKey()),
                        m == null ? null : m.phase(), m == null ? null : m.files(), m == null ? null : m.message()));
            }
            return new RemoteListing(target.name(), target.url(), out);
        } catch (IOException e) {
            throw RollbackException.problem("cannot read the git repository: " + Failures.describe(e), e);
        }
    }

    /**
     * Brings back every backup of the remote that is not here. Each is checked file by
     * file against its manifest; one that does not match is refused (nothing of it is
     * kept) and named in the report. Takes no lock: the caller holds the project's.
     */
    public FetchReport fetch(String remoteName) {
        return new RemoteFetch(this).fetch(remoteName);
    }

    Set<String> localIds() {
        Set<String> out = new java.util.HashSet<>();
        store.list().forEach(b -> out.add(b.id()));
        return out;
    }

    GitRepo openRepo(String verb) {
        return GitRepo.find(project).orElseThrow(() -> RollbackException.badInput("the project " + project.root()
                + " is not in a git repository; 'backup " + verb + "' carries backups through git remotes"
                + " (git init, then git remote add origin URL)"));
    }

    /** Backup id to commit, as the remote advertises them. */
    Map<String, ObjectId> remoteBackups(Repository repo, Remotes.Target target, String verb) {
        Collection<Ref> refs;
        try {
            refs = Git.wrap(repo).lsRemote().setRemote(target.spec()).setTimeout(TIMEOUT_SECONDS)
                    .setCredentialsProvider(new Remotes.GitCredentials(project.root())).call();
        } catch (GitAPIException | JGitInternalException e) {
            throw Remotes.failure(verb, target, e);
        }
        Map<String, ObjectId> out = new TreeMap<>(BackupStore::compareIds);
        for (Ref r : refs) {
            if (r.getName().startsWith(CommitLayout.REF_PREFIX) && r.getObjectId() != null) {
                String id = r.getName().substring(CommitLayout.REF_PREFIX.length());
                if (BackupLayout.isBackupId(id)) {
                    out.put(id, r.getObjectId());
                }
            }
        }
        return out;
    }
}
