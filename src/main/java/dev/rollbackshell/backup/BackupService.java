package dev.rollbackshell.backup;

import dev.rollbackshell.git.SafetyBranch;
import dev.rollbackshell.project.Clocks;
import dev.rollbackshell.project.Failures;
import dev.rollbackshell.project.Interruption;
import dev.rollbackshell.project.Meter;
import dev.rollbackshell.project.Pause;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.ProjectLock;
import dev.rollbackshell.project.RollbackException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

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
    private final Consumer<String> warn;
    private final BackupFolders onDisk;
    private final Clock clock;
    private final int threads;
    /** For crash tests of the real launcher (scripts/soak): a pause before each file ({@code -Drollback.backup.fileDelayMillis}). */
    private static final long FILE_DELAY = Pause.property("rollback.backup.fileDelayMillis");
    /** Test hook: called with each file's project path just before it is linked or copied. */
    Consumer<String> beforeEachFile = path -> Pause.of(FILE_DELAY);

    public BackupService(Project project, BackupStore store, Consumer<String> warn) {
        this(project, store, warn, Clocks.clock());
    }

    BackupService(Project project, BackupStore store, Consumer<String> warn, Clock clock) {
        this.project = project;
        this.store = store;
        this.warn = warn;
        this.onDisk = new BackupFolders(warn);
        this.clock = clock;
        this.threads = Integer.getInteger(THREADS_PROPERTY,
                Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Makes a backup of {@code folders} (project folder names; those that do not exist are
     * skipped and said so). Takes the project lock. Selecting it in the session and
     * recording it is the use case's ({@code app/BackupCreate}).
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
        requirePhase(phase);
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

    /** Refuses (exit 2) a phase below 1, before anything else is done. */
    public static void requirePhase(int phase) {
        if (phase < 1) {
            throw RollbackException.badInput("--phase must be 1 or more (the runbook's phases are 1, 2, 3), not "
                    + phase);
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
        onDisk.removeLeftovers(root);
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        Consumer<String> note = w -> {
            warnings.add(w);
            warn.accept(w);
        };
        LinkSource previous = LinkSource.newest(store, note);
        BackupSpace.require(project, root, copy, previous);
        String id = BackupFolders.reserveId(root, BackupLayout.ID_FORMAT.format(LocalDateTime.ofInstant(started, clock.getZone())));
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
            BackupFolders.writeManifest(tmp, manifest);
            String baselineNote = recordBaseline(baseline, tmp, note);
            Manifest written = onDisk.publish(tmp, root, manifest);
            published = true;
            id = written.id();
            Backup backup = store.find(id).orElseThrow(() -> new IOException("the new backup is not readable"));
            return new BackupResult(backup, written, out.copied(), out.linked(),
                    previous == null ? null : previous.backup().id(), skipped, git, baselineNote, warnings,
                    Duration.ofNanos(System.nanoTime() - t0));
        } finally {
            if (!published) {
                onDisk.discard(tmp, root.resolve(id));
            }
        }
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

    private static String commitMessage(int phase, String message, String id) {
        String subject = message == null || message.isBlank()
                ? "Backup before Phase " + phase + " redundancy reduction" : message.strip();
        return subject + "\n\nSnapshot of the working tree made by rollback-shell with backup " + id
                + "\n(" + Project.BACKUP_ROOT + "/" + id + "/).\n";
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
