package dev.rollbackshell.remote;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.git.GitRepo;
import dev.rollbackshell.git.SafetyBranch;
import dev.rollbackshell.project.Failures;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.RollbackException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.pack.PackConfig;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * {@code backup push}, behind {@link RemoteBackups#push}: which backups go, each written as
 * a commit ({@link BackupCommits}) whose parent is the nearest backup the remote already
 * holds, the safety branches they name sent along in one (atomic, where the server can)
 * push without delta search, the remote's refusals in words, and what was pushed kept in
 * {@link RemoteState}. See docs/backups.md ("Off the machine").
 */
final class RemotePush {

    /** Test hook: when set to N, a push halts the process after writing N objects (a push killed half-way). */
    static final String HALT_PROPERTY = "rollback.test.haltPushAfterObjects";

    private final RemoteBackups owner;
    private final Project project;
    private final BackupStore store;
    private final Consumer<String> progress;

    RemotePush(RemoteBackups owner) {
        this.owner = owner;
        this.project = owner.project;
        this.store = owner.store;
        this.progress = owner.progress;
    }

    /** {@link RemoteBackups#push}. */
    RemoteBackups.PushReport push(String remoteName, List<String> ids, boolean all, String selectedId) {
        List<Backup> targets;
        if (all) {
            targets = store.list().stream().filter(Backup::complete).toList();
            if (targets.isEmpty()) {
                throw RollbackException.badInput("no complete backups to push; make one with 'backup create'");
            }
        } else if (ids == null || ids.isEmpty()) {
            targets = List.of(store.selectedOrLatest(selectedId));
        } else {
            targets = ids.stream().distinct().map(store::resolve).toList();
        }
        try (GitRepo git = owner.openRepo("push")) {
            Repository repo = git.repository();
            Remotes.Target target = Remotes.resolve(repo, project.root(), remoteName);
            // asked first: an unreachable remote is told before any copy is read
            TreeMap<String, ObjectId> bases = sharedBackups(repo, owner.remoteBackups(repo, target, "push"));
            BackupCommits commits = new BackupCommits(repo);
            List<BackupCommits.Built> built = new ArrayList<>();
            Map<String, String> problems = new TreeMap<>();
            List<Backup> sorted = new ArrayList<>(targets);
            sorted.sort((a, b) -> BackupStore.compareIds(a.id(), b.id()));
            seed(commits, sorted.get(0));
            for (Backup b : sorted) {
                progress.accept("backup " + b.id() + ": writing it into git's object database");
                BackupCommits.Built r = commits.build(store, b, nearest(bases, b.id()));
                if (!r.problems().isEmpty()) {
                    r.problems().forEach(p -> problems.put(b.id() + " " + p, p));
                } else {
                    bases.put(b.id(), r.commit()); // the next one of this push builds on it
                }
                built.add(r);
            }
            if (!problems.isEmpty()) {
                throw RollbackException.problem("not pushed: " + String.join("; ", problems.keySet().stream()
                        .limit(10).toList()) + (problems.size() > 10 ? " and " + (problems.size() - 10) + " more" : "")
                        + "; check with 'backup verify', push another backup or make a fresh one");
            }
            List<RefSpec> specs = new ArrayList<>();
            for (BackupCommits.Built b : built) {
                specs.add(new RefSpec(CommitLayout.ref(b.id()) + ":" + CommitLayout.ref(b.id())));
            }
            Set<String> branches = new LinkedHashSet<>();
            for (Backup b : sorted) {
                if (b.gitRef() != null && SafetyBranch.isSafetyBranch(b.gitRef())
                        && repo.exactRef(Constants.R_HEADS + b.gitRef()) != null) {
                    branches.add(b.gitRef());
                }
            }
            for (String br : branches) {
                specs.add(new RefSpec(Constants.R_HEADS + br + ":" + Constants.R_HEADS + br));
            }
            Counter counter = new Counter(owner.whileSending);
            Iterable<PushResult> results = send(repo, target, specs, counter, true);
            List<RemoteBackups.PushedBackup> out = new ArrayList<>();
            List<String> rejected = new ArrayList<>();
            for (PushResult pr : results) {
                for (RemoteRefUpdate u : pr.getRemoteUpdates()) {
                    switch (u.getStatus()) {
                        case OK, UP_TO_DATE -> {
                        }
                        default -> rejected.add(Repository.shortenRefName(u.getRemoteName()) + " ("
                                + rejection(u) + ")");
                    }
                }
                for (BackupCommits.Built b : built) {
                    RemoteRefUpdate u = pr.getRemoteUpdate(CommitLayout.ref(b.id()));
                    if (u != null && (u.getStatus() == RemoteRefUpdate.Status.OK
                            || u.getStatus() == RemoteRefUpdate.Status.UP_TO_DATE)) {
                        out.add(new RemoteBackups.PushedBackup(b.id(), b.commit().name(),
                                u.getStatus() == RemoteRefUpdate.Status.OK ? RemoteBackups.Sent.PUSHED : RemoteBackups.Sent.ALREADY_THERE));
                    }
                }
            }
            if (!rejected.isEmpty()) {
                throw RollbackException.badInput(target.describe() + " refused the push: " + String.join(", ", rejected)
                        + "; nothing was changed there ('backup list --remote " + target.name()
                        + "' shows what it holds)");
            }
            RemoteState state = RemoteState.load(project);
            for (RemoteBackups.PushedBackup p : out) {
                state = state.withPushed(p.id(), target.name());
            }
            state.save(project);
            return new RemoteBackups.PushReport(target.name(), target.url(), out, List.copyOf(branches), counter.written);
        } catch (IOException e) {
            throw RollbackException.problem("cannot write the backups into git: " + Failures.describe(e)
                    + "; nothing was pushed", e);
        }
    }

    /** Lets the commit of the newest earlier backup already in git lend its blobs to hard-linked copies. */
    private void seed(BackupCommits commits, Backup first) throws IOException {
        List<Backup> all = store.list();
        for (int i = all.size() - 1; i >= 0; i--) {
            Backup b = all.get(i);
            if (BackupStore.compareIds(b.id(), first.id()) < 0) {
                commits.learn(b);
                return;
            }
        }
    }

    /**
     * The remote's backups whose commit is the one this repository has on the same ref:
     * commits a new backup's commit can take as its parent. Another machine's commit
     * under an id is left out (this push would be refused for that id anyway).
     */
    private static TreeMap<String, ObjectId> sharedBackups(Repository repo, Map<String, ObjectId> remote)
            throws IOException {
        TreeMap<String, ObjectId> out = new TreeMap<>(BackupStore::compareIds);
        for (Map.Entry<String, ObjectId> e : remote.entrySet()) {
            Ref local = repo.exactRef(CommitLayout.ref(e.getKey()));
            if (local != null && e.getValue().equals(local.getObjectId())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /**
     * The parent for a backup's commit: the newest backup before it that the remote holds,
     * else the oldest after it; null when the remote holds none. Git's push then marks
     * everything that commit holds as had, and sends only the files that changed.
     */
    static ObjectId nearest(TreeMap<String, ObjectId> bases, String id) {
        Map.Entry<String, ObjectId> e = bases.lowerEntry(id);
        if (e == null) {
            e = bases.higherEntry(id);
        }
        return e == null ? null : e.getValue();
    }

    private Iterable<PushResult> send(Repository repo, Remotes.Target target, List<RefSpec> specs, Counter counter,
            boolean atomic) {
        try {
            // no delta search: backup copies go as whole compressed blobs, already packed as they are
            // sent; JGit's search over ten thousand similar files costs more than the bytes it saves
            PackConfig pack = new PackConfig(repo);
            pack.setDeltaCompress(false);
            return Git.wrap(repo).push().setRemote(target.spec()).setRefSpecs(specs).setAtomic(atomic)
                    .setTransportConfigCallback(t -> {
                        t.setPackConfig(pack);
                        t.setPushThin(true); // the walk then marks what the remote's backups hold as had
                    })
                    .setTimeout(RemoteBackups.TIMEOUT_SECONDS).setProgressMonitor(counter)
                    .setCredentialsProvider(new Remotes.GitCredentials(project.root())).call();
        } catch (GitAPIException | JGitInternalException e) {
            if (atomic && Remotes.rootMessage(e).toLowerCase(java.util.Locale.ROOT).contains("atomic")) {
                // a server without atomic pushes: each ref still moves only once the whole pack is in
                return send(repo, target, specs, counter, false);
            }
            throw Remotes.failure("push", target, e);
        }
    }

    private static String rejection(RemoteRefUpdate u) {
        return switch (u.getStatus()) {
            case REJECTED_NONFASTFORWARD -> "it holds a different " + (u.getRemoteName().startsWith(
                    CommitLayout.REF_PREFIX) ? "backup with that id" : "branch of that name");
            case REJECTED_NODELETE -> "deleting refused";
            case REJECTED_REMOTE_CHANGED -> "it changed meanwhile";
            case REJECTED_OTHER_REASON -> u.getMessage() == null ? "refused" : u.getMessage();
            case NON_EXISTING -> "no such ref";
            case AWAITING_REPORT, NOT_ATTEMPTED -> "not done: the push as a whole was refused";
            default -> u.getStatus().toString();
        };
    }

    /** Counts the objects git writes into the pack it sends. */
    private static final class Counter implements ProgressMonitor {
        private final IntConsumer hook;
        private boolean writing;
        int written;

        Counter(IntConsumer hook) {
            this.hook = hook;
        }

        @Override
        public void start(int totalTasks) {
        }

        @Override
        public void beginTask(String title, int totalWork) {
            writing = title != null && title.startsWith("Writing objects");
        }

        @Override
        public void update(int completed) {
            if (writing) {
                written += completed;
                hook.accept(written);
                Integer halt = Integer.getInteger(HALT_PROPERTY);
                if (halt != null && written >= halt) {
                    Runtime.getRuntime().halt(137);
                }
            }
        }

        @Override
        public void endTask() {
            writing = false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public void showDuration(boolean enabled) {
        }
    }
}
