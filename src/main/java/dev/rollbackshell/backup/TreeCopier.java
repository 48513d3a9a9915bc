package dev.rollbackshell.backup;

import dev.rollbackshell.project.Meter;
import dev.rollbackshell.project.Printable;
import dev.rollbackshell.project.RollbackException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Copies one tree into a backup the way {@code cp -r} lays it out, and describes it as
 * manifest entries. A file whose size, modification time and mode match the previous
 * backup's manifest (and whose time is old enough to trust) is hard-linked to that
 * backup's copy, its hash carried over; any other file is copied and hashed in the same
 * single read. Copies keep the original's modification time and permissions, minus the
 * write bits. Symbolic links are recreated as links (never followed); empty folders are
 * recorded. Files are handled by a small pool of threads ({@link ForkedTasks}). Linking is
 * {@link LinkSource}'s, copying one file {@link FileCopier}'s.
 */
final class TreeCopier {

    /** A regular file found by the walk, to be linked or copied. */
    private record FileTask(Path source, Path target, String path, Attrs attrs) {
    }

    /** One protected folder to copy: the project's {@code source} into {@code target}, named {@code name}. */
    record Folder(Path source, Path target, String name) {
    }

    /** What the copy of all folders produced. */
    record Outcome(List<ManifestEntry> entries, long newBytes, int copied, int linked, List<String> notCopied) {
    }

    /** Files handled by one task: small enough to spread a big folder over the threads. */
    private static final int CHUNK = 128;

    private final LinkSource previous;
    private final ForkedTasks tasks;
    private final Consumer<String> warn;
    private final Consumer<String> beforeFile;
    private final boolean checksum;

    /** Counts each file linked or copied (and its bytes) for the progress line. */
    Meter.Task meter;

    private final Queue<ManifestEntry> entries = new ConcurrentLinkedQueue<>();
    private final Queue<String> notCopied = new ConcurrentLinkedQueue<>();
    private final AtomicLong newBytes = new AtomicLong();
    private final AtomicInteger copied = new AtomicInteger();
    private final AtomicInteger linked = new AtomicInteger();
    private final FileCopier fileCopier;

    TreeCopier(LinkSource previous, int threads, Consumer<String> warn, Consumer<String> beforeFile) {
        this(previous, threads, warn, beforeFile, false);
    }

    /** @param checksum a file is linked only when its content hashes to the previous copy's (rsync's {@code --checksum}) */
    TreeCopier(LinkSource previous, int threads, Consumer<String> warn, Consumer<String> beforeFile, boolean checksum) {
        this.checksum = checksum;
        this.previous = previous;
        this.tasks = new ForkedTasks(Math.max(1, threads));
        this.warn = warn;
        this.beforeFile = beforeFile;
        this.fileCopier = new FileCopier(warn, this::skipUnreadable);
    }

    /**
     * Copies the folders: each folder of the tree is a task that makes its copy's
     * folder, then links or copies its files in chunks, while its sub-folders run as
     * tasks of their own on the other threads. No task waits for the tasks it forked
     * (a join can run them inline, one stack frame chain per level: folders hundreds
     * deep overflowed the stack); the pool is awaited until quiet instead. Returns
     * every entry, sorted by path.
     */
    Outcome copy(List<Folder> folders) throws IOException {
        tasks.run(submit -> {
            for (Folder f : folders) {
                Files.createDirectory(f.target());
                submit.accept(() -> copyDir(f.source(), f.target(), f.name(), true));
            }
        });
        List<ManifestEntry> sorted = new ArrayList<>(entries);
        sorted.sort((a, b) -> a.path().compareTo(b.path()));
        List<String> left = new ArrayList<>(notCopied);
        left.sort(null);
        return new Outcome(sorted, newBytes.get(), copied.get(), linked.get(), left);
    }

    private void copyDir(Path dir, Path target, String prefix, boolean root) throws IOException {
        int children = 0;
        List<FileTask> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path child : stream) {
                children++;
                String name = child.getFileName().toString();
                String path = prefix + "/" + name;
                if (!dir.resolve(name).equals(child)) { // bytes that are no text in this locale: the name cannot be written back
                    skip(path, "its name is not valid " + System.getProperty("sun.jnu.encoding", "UTF-8")
                            + " (bytes this system cannot turn into text); rename it and back up again");
                    continue;
                }
                Path childTarget = target.resolve(name);
                Attrs a;
                try {
                    a = Attrs.of(child);
                } catch (NoSuchFileException e) {
                    continue; // deleted since the listing
                }
                if (a.symlink()) {
                    String linkTarget = Files.readSymbolicLink(child).toString();
                    Files.createSymbolicLink(childTarget, Path.of(linkTarget));
                    entries.add(new ManifestEntry(path, ManifestEntry.LINK, 0, null, a.mtime().toMillis(), null,
                            linkTarget));
                } else if (a.directory()) {
                    if (!Files.isReadable(child) || !Files.isExecutable(child)) {
                        skip(path, "a folder that cannot be read (permission denied); make it readable (chmod u+rx)");
                        continue;
                    }
                    Files.createDirectory(childTarget);
                    tasks.fork(() -> copyDir(child, childTarget, path, false));
                } else if (a.regular()) {
                    files.add(new FileTask(child, childTarget, path, a));
                    if (files.size() == CHUNK) {
                        List<FileTask> chunk = files;
                        tasks.fork(() -> handleAll(chunk));
                        files = new ArrayList<>();
                    }
                } else {
                    skip(path, "a pipe, socket or device; never opened");
                }
            }
        } catch (AccessDeniedException e) {
            if (root) {
                throw unreadable(prefix, e);
            }
            skip(prefix, "a folder that cannot be read (permission denied); make it readable (chmod u+rx)");
            return;
        }
        handleAll(files);
        if (children == 0 && !root) { // an empty folder inside (the folder itself is in 'folders')
            Attrs a = Attrs.of(dir);
            entries.add(new ManifestEntry(prefix, ManifestEntry.DIR, 0, a.mode(), a.mtime().toMillis(), null, null));
        }
    }

    private void handleAll(List<FileTask> files) throws IOException {
        for (FileTask t : files) {
            if (tasks.failed()) {
                return;
            }
            handle(t);
        }
    }

    /** Leaves an entry out of the backup with a note, kept in the manifest ({@code backup show} lists it). */
    private void skip(String path, String why) {
        notCopied.add(path + ": " + why);
        warn.accept("not backed up: " + Printable.name(path) + ": " + why);
    }

    private void handle(FileTask t) throws IOException {
        try {
            beforeFile.accept(t.path());
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof AccessDeniedException) { // tests, as root, who can read everything
                skipUnreadable(t.path());
                return;
            }
            throw e;
        }
        if (tryLink(t)) {
            return;
        }
        ManifestEntry e = fileCopier.copy(t.source(), t.target(), t.path(), t.attrs());
        if (e == null) {
            return;
        }
        newBytes.addAndGet(e.size());
        copied.incrementAndGet();
        count(e.size());
        entries.add(e);
    }

    /** Hard-links an unchanged file to the previous backup's copy; false when it must be copied. */
    private boolean tryLink(FileTask t) {
        if (previous == null) {
            return false;
        }
        ManifestEntry was = previous.link(t.source(), t.target(), t.path(), t.attrs(), checksum);
        if (was == null) {
            return false;
        }
        linked.incrementAndGet();
        count(was.size());
        entries.add(new ManifestEntry(t.path(), ManifestEntry.FILE, was.size(), was.mode(), was.mtime(), was.sha256(),
                null));
        return true;
    }

    private void count(long bytes) {
        Meter.Task m = meter;
        if (m != null) {
            m.add(1, bytes);
        }
    }

    /** Learns the umask once: the bits it removes from a probe created with every bit. */
    void probeUmask(Path dir) {
        fileCopier.probeUmask(dir);
    }

    private void skipUnreadable(String path) {
        skip(path, "cannot be read (permission denied); make it readable (chmod u+r) and back up again");
    }

    private static RollbackException unreadable(String path, AccessDeniedException e) {
        return RollbackException.problem("cannot read " + path + " (permission denied); make it readable"
                + " (chmod u+r) and run 'backup create' again; no backup was made", e);
    }
}
