package dev.rollbackshell.backup;

import dev.rollbackshell.project.Meter;
import dev.rollbackshell.project.Printable;
import dev.rollbackshell.project.RollbackException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
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
 * recorded. Files are handled by a small pool of threads.
 */
final class TreeCopier {

    private static final int BUFFER = 256 * 1024;
    private static final ThreadLocal<ByteBuffer> BUFFERS = ThreadLocal.withInitial(() -> ByteBuffer.allocate(BUFFER));
    private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(Hashing::sha256);
    private static final Set<PosixFilePermission> WRITE_BITS = EnumSet.of(PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    /** The previous complete backup to link unchanged files to, or null. */
    record LinkSource(Backup backup, Map<String, ManifestEntry> entries, long createdAtMillis) {

        /** True when a file of this size, time and mode is taken as the one {@code was} describes (linked, not copied). */
        boolean unchanged(ManifestEntry was, long size, long mtime, String mode) {
            return was != null && was.isFile() && was.sha256() != null && was.size() == size && was.mtime() == mtime
                    && Objects.equals(was.mode(), mode) && !ChangeDetector.tooRecentToTrust(mtime, createdAtMillis);
        }
    }

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
    private final int threads;
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
    /** Tasks submitted or forked and not yet finished; {@link #copy} waits for none to be left. */
    private final AtomicInteger pending = new AtomicInteger();
    private volatile boolean failed;
    /** The first failure of any task: tasks are forked and never joined, so they report here. */
    private final java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
    private volatile Set<PosixFilePermission> umask;

    TreeCopier(LinkSource previous, int threads, Consumer<String> warn, Consumer<String> beforeFile) {
        this(previous, threads, warn, beforeFile, false);
    }

    /** @param checksum a file is linked only when its content hashes to the previous copy's (rsync's {@code --checksum}) */
    TreeCopier(LinkSource previous, int threads, Consumer<String> warn, Consumer<String> beforeFile, boolean checksum) {
        this.checksum = checksum;
        this.previous = previous;
        this.threads = Math.max(1, threads);
        this.warn = warn;
        this.beforeFile = beforeFile;
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
        ForkJoinPool pool = new ForkJoinPool(threads, p -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName("backup-copy-" + t.getPoolIndex());
            t.setDaemon(true);
            return t;
        }, null, false);
        try {
            for (Folder f : folders) {
                Files.createDirectory(f.target());
                pending.incrementAndGet();
                pool.submit(task(() -> copyDir(f.source(), f.target(), f.name(), true)));
            }
            synchronized (pending) {
                while (pending.get() > 0) {
                    pending.wait(1000);
                }
            }
            Throwable first = failure.get();
            if (first instanceof UncheckedIOException u) {
                throw u;
            } else if (first instanceof RuntimeException r) {
                throw r;
            } else if (first instanceof Error err) {
                throw err;
            }
        } catch (InterruptedException e) {
            failed = true;
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("backup interrupted");
        } catch (UncheckedIOException e) {
            failed = true;
            throw e.getCause();
        } catch (RuntimeException | Error e) {
            failed = true;
            throw e;
        } finally {
            pool.shutdownNow();
            try { // a failed copy is deleted next: no worker may still be writing into it
                pool.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<ManifestEntry> sorted = new ArrayList<>(entries);
        sorted.sort((a, b) -> a.path().compareTo(b.path()));
        List<String> left = new ArrayList<>(notCopied);
        left.sort(null);
        return new Outcome(sorted, newBytes.get(), copied.get(), linked.get(), left);
    }

    @FunctionalInterface
    private interface IoWork {
        void run() throws IOException;
    }

    private ForkJoinTask<Void> task(IoWork work) {
        return ForkJoinTask.adapt(() -> {
            try {
                if (!failed) { // else another part failed: the backup is abandoned, stop early
                    work.run();
                }
            } catch (IOException e) {
                failed = true;
                failure.compareAndSet(null, new UncheckedIOException(e));
            } catch (RuntimeException | Error e) {
                failed = true;
                failure.compareAndSet(null, e);
            } finally {
                if (pending.decrementAndGet() == 0) {
                    synchronized (pending) {
                        pending.notifyAll();
                    }
                }
            }
            return null;
        });
    }

    /** Runs {@code work} as a task of its own, never joined: {@link #copy} waits for every one. */
    private void fork(IoWork work) {
        pending.incrementAndGet();
        task(work).fork();
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
                    fork(() -> copyDir(child, childTarget, path, false));
                } else if (a.regular()) {
                    files.add(new FileTask(child, childTarget, path, a));
                    if (files.size() == CHUNK) {
                        List<FileTask> chunk = files;
                        fork(() -> handleAll(chunk));
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
            if (failed) {
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
        Attrs before = t.attrs();
        for (int attempt = 1; ; attempt++) {
            Copy c;
            Set<PosixFilePermission> ro = readOnly(before.perms());
            try {
                c = copyAndHash(t.source(), t.target(), before.size(), ro);
            } catch (NoSuchFileException e) {
                if (!Files.exists(t.source(), LinkOption.NOFOLLOW_LINKS)) {
                    warn.accept(Printable.name(t.path()) + " was deleted while the backup ran; it is not in the backup");
                    return;
                }
                throw e;
            } catch (AccessDeniedException e) {
                skipUnreadable(t.path());
                return;
            } catch (IOException e) {
                throw dev.rollbackshell.project.FreeSpace.named(t.target(), e);
            }
            if (ro == null) {
                t.target().toFile().setWritable(false, false);
            } else if (!umaskKeeps(ro)) {
                Files.setPosixFilePermissions(t.target(), ro);
            }
            // both times given: the JDK then sets them without reading the old ones first
            Files.getFileAttributeView(t.target(), BasicFileAttributeView.class)
                    .setTimes(before.mtime(), before.atime(), null);
            Attrs after = Attrs.ofOrNull(t.source());
            boolean steady = after != null && after.size() == c.bytes() && after.mtime().equals(before.mtime());
            if (!steady && attempt < 3 && after != null && after.regular()) {
                deleteCopy(t.target());
                before = after; // it changed while being read: copy it again as it is now
                continue;
            }
            if (!steady) {
                warn.accept(Printable.name(t.path()) + " changed while it was being copied; the backup holds the content read");
            }
            newBytes.addAndGet(c.bytes());
            copied.incrementAndGet();
            count(c.bytes());
            entries.add(new ManifestEntry(t.path(), ManifestEntry.FILE, c.bytes(), before.mode(),
                    before.mtime().toMillis(), c.sha256(), null));
            return;
        }
    }

    /** Hard-links an unchanged file to the previous backup's copy; false when it must be copied. */
    private boolean tryLink(FileTask t) {
        if (previous == null) {
            return false;
        }
        ManifestEntry was = previous.entries().get(t.path());
        Attrs a = t.attrs();
        if (!previous.unchanged(was, a.size(), a.mtime().toMillis(), a.mode())) {
            return false;
        }
        Path old = previous.backup().copyOf(t.path());
        if (old == null) {
            return false; // its folder is gone from that backup
        }
        try {
            Attrs copy = Attrs.of(old);
            // the old copy must still be what its manifest says (not replaced or edited since)
            if (!copy.regular() || copy.size() != was.size() || copy.mtime().toMillis() != was.mtime()) {
                return false;
            }
            if (checksum && !was.sha256().equals(Hashing.sha256(t.source()))) {
                return false; // same size and time, other content: an edit the times do not show
            }
            Files.createLink(t.target(), old);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false; // another file system, too many links...: copy instead
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

    private record Copy(long bytes, String sha256) {
    }

    /**
     * Copies a file and hashes it in the same single read, creating the copy read-only
     * straight away. Reads the {@code expected} size and stops (a file that grew or
     * shrank meanwhile is caught by the check that follows).
     */
    private static Copy copyAndHash(Path source, Path target, long expected, Set<PosixFilePermission> ro)
            throws IOException {
        MessageDigest md = DIGESTS.get();
        md.reset();
        ByteBuffer buf = BUFFERS.get();
        long total = 0;
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                FileChannel out = ro == null ? FileChannel.open(target, options)
                        : FileChannel.open(target, options, PosixFilePermissions.asFileAttribute(ro))) {
            while (total < expected || expected == 0) {
                buf.clear();
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                if (n == 0) {
                    continue;
                }
                md.update(buf.array(), 0, n);
                buf.flip();
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
                total += n;
            }
        }
        return new Copy(total, Hashing.hex(md.digest()));
    }

    private static Set<PosixFilePermission> readOnly(Set<PosixFilePermission> perms) {
        if (perms == null) {
            return null;
        }
        Set<PosixFilePermission> ro = EnumSet.noneOf(PosixFilePermission.class);
        ro.addAll(perms);
        ro.removeAll(WRITE_BITS);
        return ro;
    }

    /** True when the process's umask leaves these permissions intact at creation (no chmod needed). */
    private boolean umaskKeeps(Set<PosixFilePermission> perms) {
        Set<PosixFilePermission> mask = umask;
        return mask != null && perms.stream().noneMatch(mask::contains);
    }

    /** Learns the umask once: the bits it removes from a probe created with every bit. */
    void probeUmask(Path dir) {
        Path probe = dir.resolve(".umask-probe");
        try {
            Files.createFile(probe, PosixFilePermissions.asFileAttribute(EnumSet.allOf(PosixFilePermission.class)));
            Set<PosixFilePermission> got = Files.getPosixFilePermissions(probe);
            Set<PosixFilePermission> removed = EnumSet.allOf(PosixFilePermission.class);
            removed.removeAll(got);
            umask = removed;
        } catch (IOException | UnsupportedOperationException e) {
            umask = null; // unknown: set permissions explicitly
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // the folder is removed or published with the backup; a probe left behind is harmless
            }
        }
    }

    private static void deleteCopy(Path target) throws IOException {
        target.toFile().setWritable(true);
        Files.deleteIfExists(target);
    }

    private void skipUnreadable(String path) {
        skip(path, "cannot be read (permission denied); make it readable (chmod u+r) and back up again");
    }

    private static RollbackException unreadable(String path, AccessDeniedException e) {
        return RollbackException.problem("cannot read " + path + " (permission denied); make it readable"
                + " (chmod u+r) and run 'backup create' again; no backup was made", e);
    }

    /** The attributes of one entry, read once without following links. */
    record Attrs(boolean regular, boolean directory, boolean symlink, long size, FileTime mtime, FileTime atime,
            Set<PosixFilePermission> perms) {

        String mode() {
            return perms == null ? null : PosixFilePermissions.toString(perms);
        }

        static Attrs of(Path p) throws IOException {
            try {
                PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                return new Attrs(a.isRegularFile(), a.isDirectory(), a.isSymbolicLink(), a.size(),
                        a.lastModifiedTime(), a.lastAccessTime(), a.isSymbolicLink() ? null : a.permissions());
            } catch (UnsupportedOperationException e) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                return new Attrs(a.isRegularFile(), a.isDirectory(), a.isSymbolicLink(), a.size(),
                        a.lastModifiedTime(), a.lastAccessTime(), null);
            }
        }

        static Attrs ofOrNull(Path p) {
            try {
                return of(p);
            } catch (IOException e) {
                return null;
            }
        }
    }
}
