package dev.rollbackshell.backup;

import dev.rollbackshell.project.Clocks;
import dev.rollbackshell.git.SafetyBranch;
import dev.rollbackshell.project.AtomicFiles;
import dev.rollbackshell.project.Failures;
import dev.rollbackshell.project.FreeSpace;
import dev.rollbackshell.project.Interruption;
import dev.rollbackshell.project.Meter;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.ProjectLock;
import dev.rollbackshell.project.RollbackException;
import dev.rollbackshell.session.SessionStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Makes backups (docs/backups.md, "On disk"): one copy per protected folder in
 * {@code redundancy_reduction_backups/<id>/<folder>_backup/}, exactly the runbook's
 * {@code cp -r} layout, plus {@code manifest.json}, the baseline and the git safety
 * branch. The backup is built under {@code .incomplete-<id>-<pid>/} and renamed to its
 * id only when complete, so an interrupted backup is never listed; the id is reserved by
 * creating its folder atomically, so two backups in one second get {@code _2}, {@code _3}.
 * Unchanged files are hard-linked to the previous complete backup (rsync
 * {@code --link-dest} style); the others are copied and hashed in one read.
 */
public final class BackupService {

    /** Test hook: when set, {@code create} waits after taking the lock until this file is gone. */
    static final String PAUSE_PROPERTY = "rollback.test.pauseAfterLock";
    /** Threads that copy and hash (default: the processors, at most 4). */
    static final String THREADS_PROPERTY = "rollback.backup.threads";

    private final Project project;
    private final BackupStore store;
    private final SessionStore session;
    private final Consumer<String> warn;
    private final Clock clock;
    private final int threads;
    /** For crash tests of the real launcher (scripts/soak): a pause before each file ({@code -Drollback.backup.fileDelayMillis}). */
    private static final long FILE_DELAY = Long.getLong("rollback.backup.fileDelayMillis", 0);
    /** Test hook: called with each file's project path just before it is linked or copied. */
    Consumer<String> beforeEachFile = path -> {
        if (FILE_DELAY > 0) {
            try {
                Thread.sleep(FILE_DELAY);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    };

    public BackupService(Project project, BackupStore store, SessionStore session, Consumer<String> warn) {
        this(project, store, session, warn, Clocks.clock());
    }

    BackupService(Project project, BackupStore store, SessionStore session, Consumer<String> warn, Clock clock) {
        this.project = project;
        this.store = store;
        this.session = session;
        this.warn = warn;
        this.clock = clock;
        this.threads = Integer.getInteger(THREADS_PROPERTY,
                Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Makes a backup of {@code folders} (project folder names; those that do not exist are
     * skipped and said so), selects it in the session and records the event. Takes the
     * project lock.
     *
     * @param phase    the refactoring phase, 1 or more; names the safety branch
     * @param message  a note kept in the manifest and the branch's commit, or null
     * @param noGit    true: no safety branch
     * @param baseline records the baseline into the backup before it is published; null: none
     */
    public BackupResult create(List<String> folders, int phase, String message, boolean noGit,
            BaselineRecorder baseline) {
        return create(folders, phase, message, noGit, baseline, false);
    }

    /** @param checksum link a file to the previous backup only when its content is the same (read and hashed), not by size and time */
    public BackupResult create(List<String> folders, int phase, String message, boolean noGit,
            BaselineRecorder baseline, boolean checksum) {
        if (phase < 1) {
            throw RollbackException.badInput("--phase must be 1 or more (the runbook's phases are 1, 2, 3), not "
                    + phase);
        }
        try (ProjectLock lock = ProjectLock.acquire(project, "backup create", warn)) {
            pauseForTests();
            return createLocked(folders, phase, message, noGit, baseline, checksum);
        } catch (java.nio.file.InvalidPathException e) {
            throw RollbackException.problem("a file name cannot be read in this locale (" + e.getInput()
                    + "); run with a UTF-8 locale, e.g. LC_ALL=C.UTF-8; no backup was made", e);
        } catch (IOException e) {
            throw RollbackException.problem("the backup failed: " + Failures.describe(e)
                    + "; nothing was published, the project is untouched", e);
        }
    }

    private BackupResult createLocked(List<String> folders, int phase, String message, boolean noGit,
            BaselineRecorder baseline, boolean checksum) throws IOException {
        long t0 = System.nanoTime();
        Instant started = clock.instant();
        List<String> copy = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> skippedNames = new ArrayList<>();
        for (String f : folders) {
            String why = whyNotCopied(f);
            if (why == null) {
                copy.add(f);
            } else {
                skipped.add(f + ": " + why);
                skippedNames.add(f);
            }
        }
        if (copy.isEmpty()) {
            throw RollbackException.badInput("nothing to back up: none of the protected folders ("
                    + String.join(", ", folders) + ") exists in " + project.root()
                    + "; is this the project folder? (give it with -C DIR)");
        }
        Path root = project.backupRoot();
        Files.createDirectories(root);
        removeLeftovers(root);
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        Consumer<String> note = w -> {
            warnings.add(w);
            warn.accept(w);
        };
        TreeCopier.LinkSource previous = previousBackup(note);
        requireSpace(root, copy, previous);
        String id = reserveId(root, BackupLayout.ID_FORMAT.format(LocalDateTime.ofInstant(started, clock.getZone())));
        Path tmp = root.resolve(BackupLayout.IN_PROGRESS_PREFIX + id + "-" + ProcessHandle.current().pid());
        boolean published = false;
        try {
            Files.createDirectory(tmp);
            TreeCopier copier = new TreeCopier(previous, threads, note, beforeEachFile, checksum);
            copier.probeUmask(tmp);
            List<TreeCopier.Folder> todo = new ArrayList<>();
            for (String f : copy) {
                todo.add(new TreeCopier.Folder(project.file(f), tmp.resolve(f + BackupLayout.SUFFIX), f));
            }
            TreeCopier.Outcome out;
            // the totals are the previous backup's, a guess until this one is walked
            long files = previous == null ? 0 : previous.entries().values().stream().filter(ManifestEntry::isFile).count();
            long bytes = previous == null ? 0 : previous.entries().values().stream().filter(ManifestEntry::isFile)
                    .mapToLong(ManifestEntry::size).sum();
            try (Meter.Task meter = Meter.start("backup create", "files", files, bytes, true)) {
                copier.meter = meter;
                out = copier.copy(todo);
            }
            SafetyBranch.Result git = noGit ? SafetyBranch.Result.none("--no-git given")
                    : new SafetyBranch(project).create(phase, commitMessage(phase, message, id));
            Manifest manifest = new Manifest(Manifest.VERSION, id, started, phase, message, Backup.TOOL, copy,
                    skippedNames, git.branch(), git.commit(), out.newBytes(), out.entries(), out.notCopied());
            writeManifest(tmp, manifest);
            String baselineNote = recordBaseline(baseline, tmp, note);
            Manifest written = publish(tmp, root, manifest);
            published = true;
            id = written.id();
            final String selected = id;
            Backup backup = store.find(id).orElseThrow(() -> new IOException("the new backup is not readable"));
            try {
                session.update(s -> s.withSelectedBackup(selected));
                session.record("backup", "backup " + id + " made (phase " + phase + ", " + written.files()
                        + " files" + (git.made() ? ", branch " + git.branch() : "") + ")", 0);
            } catch (RuntimeException e) {
                note.accept("the backup is made but could not be selected in the session: " + Failures.describe(e));
            }
            return new BackupResult(backup, written, out.copied(), out.linked(),
                    previous == null ? null : previous.backup().id(), skipped, git, baselineNote, warnings,
                    Duration.ofNanos(System.nanoTime() - t0));
        } finally {
            if (!published) {
                discard(tmp, root.resolve(id));
            }
        }
    }

    /**
     * Refuses before anything is written when the backups' file system cannot hold the new
     * bytes: every file the previous backup cannot lend by a hard link (rounded to whole
     * blocks), plus the folders and the manifest. Walks the folders once (a stat each)
     * unless the free space is far more than the whole previous backup, when it cannot
     * matter. An estimate: a file that grows while the backup runs can still fill the disk,
     * and then the unfinished copy is removed (nothing is published).
     */
    private void requireSpace(Path root, List<String> folders, TreeCopier.LinkSource previous) throws IOException {
        long free = FreeSpace.usable(root);
        if (free < 0) {
            return;
        }
        if (previous != null) {
            long total = 0;
            for (ManifestEntry e : previous.entries().values()) {
                total += FreeSpace.allocation(e.size()) + 256;
            }
            if (free / 2 > total + (1L << 30)) {
                return;
            }
        }
        long[] need = {0, 0, 0}; // file bytes, entries' overhead, files to copy
        for (String f : folders) {
            Path dir = project.file(f);
            Files.walkFileTree(dir, new java.nio.file.SimpleFileVisitor<>() {
                @Override
                public java.nio.file.FileVisitResult preVisitDirectory(Path d, java.nio.file.attribute.BasicFileAttributes a) {
                    need[1] += FreeSpace.BLOCK;
                    return java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes a) {
                    String rel = f + "/" + dir.relativize(file).toString();
                    need[1] += 256 + rel.length(); // its manifest line
                    if (a.isRegularFile()) {
                        String mode = previous == null ? null : TreeScanner.mode(file);
                        if (previous == null || !previous.unchanged(previous.entries().get(rel), a.size(),
                                a.lastModifiedTime().toMillis(), mode)) {
                            need[0] += FreeSpace.allocation(a.size());
                            need[2]++;
                        }
                    }
                    return java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
                    return java.nio.file.FileVisitResult.CONTINUE; // the copy itself reports it
                }
            });
        }
        FreeSpace.require(root, need[0] + need[1], "the backup (" + need[2] + (need[2] == 1 ? " file" : " files")
                + " to copy)", "new bytes " + FreeSpace.bytes(need[0]) + " + folders and manifest "
                + FreeSpace.bytes(need[1]) + ", in " + root);
    }

    /** Why a protected folder is not copied, or null when it is. */
    private String whyNotCopied(String folder) {
        if (folder.isEmpty() || folder.equals(".") || folder.equals("..") || folder.contains("/")
                || folder.contains("\\")) {
            return "not the name of a folder at the top of the project";
        }
        if (folder.equals(Project.BACKUP_ROOT) || folder.equals(Project.STATE_DIR)) {
            return "the tool's own folder";
        }
        Path p = project.file(folder);
        if (Files.isSymbolicLink(p)) {
            return "is a symbolic link; not followed (back up the folder it points to instead)";
        }
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return "does not exist";
        }
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return "is not a folder";
        }
        return null;
    }

    /** Creates the id's folder atomically: the first free one of {@code base}, {@code base_2}, ... */
    private static String reserveId(Path root, String base) throws IOException {
        for (int n = 1; n < 10_000; n++) {
            String id = n == 1 ? base : base + "_" + n;
            try {
                Files.createDirectory(root.resolve(id));
                return id;
            } catch (FileAlreadyExistsException e) {
                // taken this second: try the next suffix
            }
        }
        throw new IOException("no free backup id for " + base);
    }

    /** The newest complete backup made by the tool, whose unchanged files can be linked. */
    private TreeCopier.LinkSource previousBackup(Consumer<String> note) {
        List<Backup> all = store.list();
        for (int i = all.size() - 1; i >= 0; i--) {
            Backup b = all.get(i);
            if (b.manual() || !b.complete()) {
                continue;
            }
            try {
                Manifest m = store.manifest(b);
                Map<String, ManifestEntry> byPath = new HashMap<>(m.entries().size() * 2);
                for (ManifestEntry e : m.entries()) {
                    byPath.put(e.path(), e);
                }
                long created = m.createdAt() == null ? Long.MIN_VALUE + 10_000 : m.createdAt().toEpochMilli();
                return new TreeCopier.LinkSource(b, byPath, created);
            } catch (RuntimeException e) {
                note.accept("cannot read the manifest of backup " + b.id() + "; copying every file");
                return null;
            }
        }
        return null;
    }

    private static String commitMessage(int phase, String message, String id) {
        String subject = message == null || message.isBlank()
                ? "Backup before Phase " + phase + " redundancy reduction" : message.strip();
        return subject + "\n\nSnapshot of the working tree made by rollback-shell with backup " + id
                + "\n(" + Project.BACKUP_ROOT + "/" + id + "/).\n";
    }

    private static void writeManifest(Path dir, Manifest manifest) throws IOException {
        Path file = dir.resolve(BackupLayout.MANIFEST);
        AtomicFiles.write(file, ManifestCodec.write(manifest));
        file.toFile().setWritable(false, false);
    }

    private static String recordBaseline(BaselineRecorder baseline, Path dir, Consumer<String> note) {
        if (baseline == null) {
            return "skipped (--no-baseline)";
        }
        Path file = dir.resolve(BackupLayout.BASELINE);
        try {
            baseline.record(dir);
            return Files.isRegularFile(file) ? "recorded" : "none (no checks to record)";
        } catch (Interruption.Interrupted e) {
            throw e; // Ctrl-C: no backup at all rather than one with a partial baseline
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a partial baseline left behind is ignored by readers that cannot parse it
            }
            note.accept("the baseline could not be recorded (" + Failures.describe(e) + "); the backup is made without it");
            return "failed: " + Failures.describe(e);
        }
    }

    /**
     * Renames the finished backup onto its reserved (empty) id folder in one step. When
     * someone filled that folder meanwhile (a hand-made backup in the same second), the
     * next free id is taken and the manifest rewritten for it.
     */
    private Manifest publish(Path tmp, Path root, Manifest manifest) throws IOException {
        Manifest current = manifest;
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                Files.move(tmp, root.resolve(current.id()), StandardCopyOption.ATOMIC_MOVE);
                return current;
            } catch (IOException e) {
                if (!Files.isDirectory(tmp) || isEmptyDir(root.resolve(current.id()))) {
                    throw e;
                }
                String next = reserveId(root, manifest.id().substring(0, 15));
                current = new Manifest(manifest.version(), next, manifest.createdAt(), manifest.phase(),
                        manifest.message(), manifest.madeBy(), manifest.folders(), manifest.skipped(),
                        manifest.gitRef(), manifest.gitCommit(), manifest.newBytes(), manifest.entries(),
                        manifest.notCopied());
                Files.deleteIfExists(tmp.resolve(BackupLayout.MANIFEST));
                writeManifest(tmp, current);
            }
        }
        throw new IOException("could not publish the backup under any id");
    }

    /** Removes what an unfinished backup left: its folder and its reserved, still empty id. */
    private void discard(Path tmp, Path reserved) {
        try {
            Trees.deleteRecursively(tmp);
            if (isEmptyDir(reserved)) {
                Files.deleteIfExists(reserved);
            }
        } catch (IOException | UncheckedIOException e) {
            warn.accept("could not remove the unfinished backup " + tmp + " (" + Failures.describe(e)
                    + "); it is never listed; delete it by hand");
        }
    }

    /**
     * Removes folders left by runs that died (an unfinished backup, a half-deleted one).
     * Safe under the project lock: every run that makes such folders holds it.
     */
    private void removeLeftovers(Path root) throws IOException {
        long me = ProcessHandle.current().pid();
        List<Path> leftovers;
        try (Stream<Path> s = Files.list(root)) {
            leftovers = s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(BackupLayout.IN_PROGRESS_PREFIX) || n.startsWith(Trees.DELETING_PREFIX);
            }).toList();
        }
        for (Path p : leftovers) {
            String n = p.getFileName().toString();
            long pid = pidOf(n);
            if (pid == me || (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))) {
                continue;
            }
            try {
                Trees.deleteRecursively(p);
                if (n.startsWith(BackupLayout.IN_PROGRESS_PREFIX)) {
                    String id = n.substring(BackupLayout.IN_PROGRESS_PREFIX.length(), n.lastIndexOf('-'));
                    Path reserved = root.resolve(id);
                    if (BackupLayout.isBackupId(id) && isEmptyDir(reserved)) {
                        Files.deleteIfExists(reserved);
                    }
                }
                warn.accept("removed " + n + ", left by a run that did not finish (it was never a usable backup)");
            } catch (IOException | UncheckedIOException e) {
                warn.accept("could not remove " + p + ", left by a run that did not finish: " + Failures.describe(e));
            }
        }
    }

    private static long pidOf(String name) {
        try {
            return Long.parseLong(name.substring(name.lastIndexOf('-') + 1));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static boolean isEmptyDir(Path p) {
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static void pauseForTests() {
        String pause = System.getProperty(PAUSE_PROPERTY);
        if (pause == null) {
            return;
        }
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (Files.exists(Path.of(pause)) && System.nanoTime() < until) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
