package dev.rollbackshell.remote;

import dev.rollbackshell.project.Clocks;
import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.backup.BackupLayout;
import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.backup.Manifest;
import dev.rollbackshell.backup.ManifestEntry;
import dev.rollbackshell.backup.Trees;
import dev.rollbackshell.git.GitRepo;
import dev.rollbackshell.git.SafetyBranch;
import dev.rollbackshell.project.Failures;
import dev.rollbackshell.project.FreeSpace;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.RollbackException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.pack.PackConfig;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TagOpt;

/**
 * Backups through the project's git remotes: {@code backup push}, {@code backup fetch} and
 * {@code backup list --remote}. Each folder backup travels as one commit on
 * {@code refs/rollback/backups/<id>} ({@link BackupCommits}); git's own transport carries
 * it (only the objects the remote lacks are sent), and a receiving git moves a ref only
 * once every object of the push has arrived, so a push cut off half-way leaves no ref that
 * names a partial backup. Fetched backups become ordinary backup folders, built under
 * {@code .incomplete-<id>-<pid>/} and renamed when every file matched the manifest.
 * See docs/backups.md ("Off the machine").
 */
public final class RemoteBackups {

    /** Test hook: when set to N, a push halts the process after writing N objects (a push killed half-way). */
    static final String HALT_PROPERTY = "rollback.test.haltPushAfterObjects";
    private static final int TIMEOUT_SECONDS = 120;

    private final Project project;
    private final BackupStore store;
    private final Consumer<String> progress;
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
        try (GitRepo git = openRepo("push")) {
            Repository repo = git.repository();
            Remotes.Target target = Remotes.resolve(repo, project.root(), remoteName);
            // asked first: an unreachable remote is told before any copy is read
            TreeMap<String, ObjectId> bases = sharedBackups(repo, remoteBackups(repo, target, "push"));
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
                specs.add(new RefSpec(BackupCommits.ref(b.id()) + ":" + BackupCommits.ref(b.id())));
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
            Counter counter = new Counter(whileSending);
            Iterable<PushResult> results = send(repo, target, specs, counter, true);
            List<PushedBackup> out = new ArrayList<>();
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
                    RemoteRefUpdate u = pr.getRemoteUpdate(BackupCommits.ref(b.id()));
                    if (u != null && (u.getStatus() == RemoteRefUpdate.Status.OK
                            || u.getStatus() == RemoteRefUpdate.Status.UP_TO_DATE)) {
                        out.add(new PushedBackup(b.id(), b.commit().name(),
                                u.getStatus() == RemoteRefUpdate.Status.OK ? Sent.PUSHED : Sent.ALREADY_THERE));
                    }
                }
            }
            if (!rejected.isEmpty()) {
                throw RollbackException.badInput(target.describe() + " refused the push: " + String.join(", ", rejected)
                        + "; nothing was changed there ('backup list --remote " + target.name()
                        + "' shows what it holds)");
            }
            RemoteState state = RemoteState.load(project);
            for (PushedBackup p : out) {
                state = state.withPushed(p.id(), target.name());
            }
            state.save(project);
            return new PushReport(target.name(), target.url(), out, List.copyOf(branches), counter.written);
        } catch (IOException e) {
            throw RollbackException.problem("cannot write the backups into git: " + Failures.describe(e)
                    + "; nothing was pushed", e);
        }
    }

    /** Backups the remote holds, without fetching them. */
    public RemoteListing list(String remoteName) {
        try (GitRepo git = openRepo("list --remote")) {
            Repository repo = git.repository();
            Remotes.Target target = Remotes.resolve(repo, project.root(), remoteName);
            Map<String, ObjectId> remote = remoteBackups(repo, target, "list");
            Set<String> here = localIds();
            BackupCommits commits = new BackupCommits(repo);
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
        try (GitRepo git = openRepo("fetch")) {
            Repository repo = git.repository();
            Remotes.Target target = Remotes.resolve(repo, project.root(), remoteName);
            Map<String, ObjectId> remote = remoteBackups(repo, target, "fetch");
            Set<String> here = localIds();
            List<String> already = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String id : remote.keySet()) {
                (here.contains(id) ? already : missing).add(id);
            }
            missing.sort(BackupStore::compareIds);
            if (missing.isEmpty()) {
                return new FetchReport(target.name(), target.url(), List.of(), already, List.of(), List.of());
            }
            String tracking = "refs/rollback/remotes/" + target.refName() + "/";
            List<RefSpec> specs = new ArrayList<>();
            for (String id : missing) {
                specs.add(new RefSpec("+" + BackupCommits.ref(id) + ":" + tracking + id));
            }
            progress.accept("fetching " + missing.size() + (missing.size() == 1 ? " backup" : " backups") + " from "
                    + target.describe());
            receive(repo, target, specs);
            fetchSafetyBranches(repo, target, missing);

            BackupCommits commits = new BackupCommits(repo);
            Map<String, BackupCommits.LinkCandidate> links = linkCandidates(commits);
            List<FetchedBackup> fetched = new ArrayList<>();
            List<Refused> refused = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            Path root = project.backupRoot();
            requireSpace(repo, commits, tracking, missing, links, root);
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
                    BackupCommits.Made made = commits.materialize(ref.getObjectId(), id, tmp, links);
                    if (!made.problems().isEmpty()) {
                        refused.add(new Refused(id, made.problems()));
                        continue;
                    }
                    Files.move(tmp, reserved, StandardCopyOption.ATOMIC_MOVE);
                    published = true;
                    keepRef(repo, id, ref.getObjectId());
                    state = state.withFetched(id, new RemoteState.Fetched(target.name(), target.url(),
                            ref.getObjectId().name(), Clocks.now()));
                    fetched.add(new FetchedBackup(id, ref.getObjectId().name(), made.files(), made.written(),
                            made.linked(), made.bytes()));
                    store.find(id).ifPresent(b -> addCandidates(links, b, commits));
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
            return new FetchReport(target.name(), target.url(), fetched, already, refused, skipped);
        } catch (IOException e) {
            throw RollbackException.problem("the fetch failed: " + Failures.describe(e)
                    + "; no partial backup was left", e);
        }
    }

    // ---- helpers ----

    /**
     * Refuses (exit 2) before any backup folder is written when the backups' file system
     * cannot hold what the fetch adds there: the files of the received backups that no
     * identical local copy can lend by a hard link, counted from each commit's tree and
     * manifest ({@link BackupCommits#need}), plus folders, manifests and baselines.
     */
    private static void requireSpace(Repository repo, BackupCommits commits, String tracking, List<String> ids,
            Map<String, BackupCommits.LinkCandidate> links, Path root) throws IOException {
        Map<String, BackupCommits.LinkCandidate> planned = new HashMap<>(links);
        BackupCommits.Need need = new BackupCommits.Need(0, 0, 0, 0);
        int backups = 0;
        for (String id : ids) {
            Ref ref = repo.exactRef(tracking + id);
            if (ref != null && ref.getObjectId() != null) {
                need = need.plus(commits.need(ref.getObjectId(), planned));
                backups++;
            }
        }
        FreeSpace.require(root, need.bytes() + need.other(), "the fetch (" + backups + (backups == 1 ? " backup, "
                : " backups, ") + need.write() + (need.write() == 1 ? " file" : " files") + " to write, " + need.linked()
                + " hard-linked)", "new bytes " + FreeSpace.bytes(need.bytes()) + " + folders and manifests "
                + FreeSpace.bytes(need.other()) + ", in " + root);
    }

    private Set<String> localIds() {
        Set<String> out = new java.util.HashSet<>();
        store.list().forEach(b -> out.add(b.id()));
        return out;
    }

    private GitRepo openRepo(String verb) {
        return GitRepo.find(project).orElseThrow(() -> RollbackException.badInput("the project " + project.root()
                + " is not in a git repository; 'backup " + verb + "' carries backups through git remotes"
                + " (git init, then git remote add origin URL)"));
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
            Ref local = repo.exactRef(BackupCommits.ref(e.getKey()));
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

    /** Backup id to commit, as the remote advertises them. */
    private Map<String, ObjectId> remoteBackups(Repository repo, Remotes.Target target, String verb) {
        Collection<Ref> refs;
        try {
            refs = Git.wrap(repo).lsRemote().setRemote(target.spec()).setTimeout(TIMEOUT_SECONDS)
                    .setCredentialsProvider(new Remotes.GitCredentials(project.root())).call();
        } catch (GitAPIException | JGitInternalException e) {
            throw Remotes.failure(verb, target, e);
        }
        Map<String, ObjectId> out = new TreeMap<>(BackupStore::compareIds);
        for (Ref r : refs) {
            if (r.getName().startsWith(BackupCommits.REF_PREFIX) && r.getObjectId() != null) {
                String id = r.getName().substring(BackupCommits.REF_PREFIX.length());
                if (BackupLayout.isBackupId(id)) {
                    out.put(id, r.getObjectId());
                }
            }
        }
        return out;
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
                    .setTimeout(TIMEOUT_SECONDS).setProgressMonitor(counter)
                    .setCredentialsProvider(new Remotes.GitCredentials(project.root())).call();
        } catch (GitAPIException | JGitInternalException e) {
            if (atomic && Remotes.rootMessage(e).toLowerCase(java.util.Locale.ROOT).contains("atomic")) {
                // a server without atomic pushes: each ref still moves only once the whole pack is in
                return send(repo, target, specs, counter, false);
            }
            throw Remotes.failure("push", target, e);
        }
    }

    private void receive(Repository repo, Remotes.Target target, List<RefSpec> specs) {
        try {
            Git.wrap(repo).fetch().setRemote(target.spec()).setRefSpecs(specs).setCheckFetchedObjects(true)
                    .setTagOpt(TagOpt.NO_TAGS).setRemoveDeletedRefs(false).setTimeout(TIMEOUT_SECONDS)
                    .setCredentialsProvider(new Remotes.GitCredentials(project.root())).call();
        } catch (GitAPIException | JGitInternalException e) {
            throw Remotes.failure("fetch", target, e);
        }
    }

    /** The safety branches the fetched backups name, when this repository has no branch of that name. */
    private void fetchSafetyBranches(Repository repo, Remotes.Target target, List<String> ids) {
        try {
            Collection<Ref> refs = Git.wrap(repo).lsRemote().setRemote(target.spec()).setHeads(true)
                    .setTimeout(TIMEOUT_SECONDS).setCredentialsProvider(new Remotes.GitCredentials(project.root()))
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
        RefUpdate u = repo.updateRef(BackupCommits.ref(id));
        u.setNewObjectId(commit);
        u.setForceUpdate(true);
        u.setRefLogMessage("rollback-shell: fetched backup " + id, false);
        u.update();
    }

    /** Local copies by path and content, newest backup first, for hard links. */
    private Map<String, BackupCommits.LinkCandidate> linkCandidates(BackupCommits commits) {
        Map<String, BackupCommits.LinkCandidate> out = new HashMap<>();
        for (Backup b : store.list()) { // oldest first: newer ones overwrite
            addCandidates(out, b, commits);
        }
        return out;
    }

    void addCandidates(Map<String, BackupCommits.LinkCandidate> out, Backup b, BackupCommits commits) {
        if (b.manual() || !b.complete()) {
            return;
        }
        try {
            Map<String, ObjectId> blobs = commits.blobsOf(b.id());
            for (ManifestEntry e : store.manifest(b).entries()) {
                Path copy = e.isFile() && e.sha256() != null ? b.copyOf(e.path()) : null;
                String gitPath = BackupCommits.gitPath(e.path());
                if (copy != null && gitPath != null) {
                    out.put(BackupCommits.key(e.path(), e.sha256()),
                            new BackupCommits.LinkCandidate(e, copy, blobs.get(gitPath)));
                }
            }
        } catch (IOException | RuntimeException e) {
            // a backup whose manifest or commit cannot be read lends no links
        }
    }

    private static String rejection(RemoteRefUpdate u) {
        return switch (u.getStatus()) {
            case REJECTED_NONFASTFORWARD -> "it holds a different " + (u.getRemoteName().startsWith(
                    BackupCommits.REF_PREFIX) ? "backup with that id" : "branch of that name");
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
