package dev.rollbackshell.backup;

import static dev.rollbackshell.backup.BackupVerifier.MISSING;
import static dev.rollbackshell.backup.BackupVerifier.MODIFIED;
import static dev.rollbackshell.backup.BackupVerifier.UNREADABLE;

import dev.rollbackshell.backup.BackupVerifier.Problem;
import dev.rollbackshell.project.Failures;
import dev.rollbackshell.project.Meter;
import dev.rollbackshell.project.RollbackException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * For {@link BackupVerifier}: manifest entries checked against a backup's copies, on a few
 * threads: the type (file, symbolic link and its target, empty folder), the size, and the
 * content re-hashed with SHA-256. The hash of a file shared by several backups (hard
 * links) is kept by file identity (device and inode), so it is read once per run.
 */
final class CopyChecker {

    private static final ThreadLocal<ByteBuffer> BUFFERS = ThreadLocal.withInitial(() -> ByteBuffer.allocate(1 << 18));
    private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(Hashing::sha256);

    private final int threads;
    /** Hashes by file identity (device and inode), so hard-linked copies are read once. */
    private final Map<Object, String> hashes = new ConcurrentHashMap<>();

    CopyChecker(int threads) {
        this.threads = threads;
    }

    /** Checks {@code entries} (type, size, content) on the verifier's threads. */
    void checkEntries(Backup b, List<ManifestEntry> entries, List<Problem> problems, Meter.Task meter) {
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            int i;
            while ((i = next.getAndIncrement()) < entries.size()) {
                ManifestEntry e = entries.get(i);
                String problem = checkEntry(b, e);
                meter.add(1, e.isFile() ? e.size() : 0);
                if (problem != null) {
                    int colon = problem.indexOf(':');
                    problems.add(new Problem(b.id(), e.path(), problem.substring(0, colon),
                            problem.substring(colon + 1).strip()));
                }
            }
        };
        if (threads <= 1 || entries.size() < 64) {
            worker.run();
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "backup-verify");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    running.add(pool.submit(worker));
                }
                for (Future<?> f : running) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw RollbackException.problem("verification interrupted");
            } catch (java.util.concurrent.ExecutionException e) {
                throw RollbackException.problem("verification failed: " + Failures.describe(e.getCause()), e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * "kind: detail" for a broken entry, or null when the copy matches the manifest; the
     * content is hashed.
     */
    private String checkEntry(Backup b, ManifestEntry e) {
        Path copy = b.copyOf(e.path());
        if (copy == null) {
            return MISSING + ": its folder is not in the backup";
        }
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(copy, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException ex) {
            return MISSING + ": the copy is gone (" + b.dir().relativize(copy) + ")";
        }
        if (e.isDir()) {
            return a.isDirectory() ? null : MODIFIED + ": was an empty folder, is not a folder now";
        }
        if (e.isLink()) {
            if (!a.isSymbolicLink()) {
                return MODIFIED + ": was a symbolic link, is not one now";
            }
            try {
                String target = Files.readSymbolicLink(copy).toString();
                return Objects.equals(target, e.link()) ? null
                        : MODIFIED + ": the link points to " + target + ", not " + e.link();
            } catch (IOException ex) {
                return UNREADABLE + ": " + Failures.describe(ex);
            }
        }
        if (!a.isRegularFile()) {
            return MODIFIED + ": was a file, is not a regular file now";
        }
        if (a.size() != e.size()) {
            return MODIFIED + ": " + a.size() + " bytes, the manifest says " + e.size();
        }
        if (e.sha256() == null) {
            return null;
        }
        String actual;
        try {
            Object key = a.fileKey();
            actual = key == null ? hash(copy) : hashes.get(key);
            if (actual == null) {
                actual = hash(copy);
                hashes.put(key, actual);
            }
        } catch (IOException ex) {
            return UNREADABLE + ": " + Failures.describe(ex);
        }
        return actual.equals(e.sha256()) ? null : MODIFIED + ": its content differs from the manifest (sha256)";
    }

    private static String hash(Path file) throws IOException {
        MessageDigest md = DIGESTS.get();
        md.reset();
        ByteBuffer buf = BUFFERS.get();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            while (true) {
                buf.clear();
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                md.update(buf.array(), 0, n);
            }
        }
        return Hashing.hex(md.digest());
    }
}
