package dev.rollbackshell.backup;

import dev.rollbackshell.project.Printable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One regular file copied into a backup, for {@link TreeCopier}: copied and hashed in the
 * same single read, created read-only straight away (the original's permissions minus the
 * write bits; no chmod when the umask, learned once, keeps them), the original's times
 * kept, and copied again when it changed while it was read. A file deleted meanwhile or
 * that cannot be read is left out, said so.
 */
final class FileCopier {

    private static final int BUFFER = 256 * 1024;
    private static final ThreadLocal<ByteBuffer> BUFFERS = ThreadLocal.withInitial(() -> ByteBuffer.allocate(BUFFER));
    private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(Hashing::sha256);
    private static final Set<PosixFilePermission> WRITE_BITS = EnumSet.of(PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private final Consumer<String> warn;
    private final Consumer<String> unreadable;
    private volatile Set<PosixFilePermission> umask;

    /** @param unreadable told the project path of a file that cannot be read (permission denied) */
    FileCopier(Consumer<String> warn, Consumer<String> unreadable) {
        this.warn = warn;
        this.unreadable = unreadable;
    }

    /** Copies {@code source} to {@code target}: its manifest entry, or null when it is not in the backup. */
    ManifestEntry copy(Path source, Path target, String path, Attrs attrs) throws IOException {
        Attrs before = attrs;
        for (int attempt = 1; ; attempt++) {
            Copy c;
            Set<PosixFilePermission> ro = readOnly(before.perms());
            try {
                c = copyAndHash(source, target, before.size(), ro);
            } catch (NoSuchFileException e) {
                if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                    warn.accept(Printable.name(path) + " was deleted while the backup ran; it is not in the backup");
                    return null;
                }
                throw e;
            } catch (AccessDeniedException e) {
                unreadable.accept(path);
                return null;
            } catch (IOException e) {
                throw dev.rollbackshell.project.FreeSpace.named(target, e);
            }
            if (ro == null) {
                target.toFile().setWritable(false, false);
            } else if (!umaskKeeps(ro)) {
                Files.setPosixFilePermissions(target, ro);
            }
            // both times given: the JDK then sets them without reading the old ones first
            Files.getFileAttributeView(target, BasicFileAttributeView.class)
                    .setTimes(before.mtime(), before.atime(), null);
            Attrs after = Attrs.ofOrNull(source);
            boolean steady = after != null && after.size() == c.bytes() && after.mtime().equals(before.mtime());
            if (!steady && attempt < 3 && after != null && after.regular()) {
                deleteCopy(target);
                before = after; // it changed while being read: copy it again as it is now
                continue;
            }
            if (!steady) {
                warn.accept(Printable.name(path) + " changed while it was being copied; the backup holds the content read");
            }
            return new ManifestEntry(path, ManifestEntry.FILE, c.bytes(), before.mode(),
                    before.mtime().toMillis(), c.sha256(), null);
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
}
