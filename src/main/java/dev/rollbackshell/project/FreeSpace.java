package dev.rollbackshell.project;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The free-space check made before large work (docs/restore.md, "What can go wrong"): a
 * backup before it copies the new bytes, the journal before it stages new contents and
 * copies before-images, a fetch before it writes the backups it received. It refuses early, with one line naming the file system and the
 * space needed, rather than filling the disk half-way. Also the one formatter of byte
 * sizes ({@link #bytes}), used by the renderers too.
 */
public final class FreeSpace {

    /** What a file of any size takes at least: one block of the usual 4 KiB. */
    public static final long BLOCK = 4096;
    /** Kept free beyond the estimate: manifests, journal entries, folders and other small files. */
    static final long RESERVE = 256 * 1024;

    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB"};

    private FreeSpace() {
    }

    /** The space a file of {@code size} bytes takes on disk: whole blocks, at least one. */
    public static long allocation(long size) {
        return size <= 0 ? BLOCK : ((size + BLOCK - 1) / BLOCK) * BLOCK;
    }

    /** The bytes usable by this process on the file system holding {@code dir} (or its nearest existing parent); -1 when unknown. */
    public static long usable(Path dir) {
        FileStore store = store(dir);
        try {
            return store == null ? -1 : store.getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Refuses (exit 2, nothing changed) when the file system holding {@code dir} has less
     * than {@code needed} bytes (plus a small reserve) free. Does nothing when the file
     * system does not say how much is free.
     *
     * @param what     what needs the space, for the message: "the backup (3 files changed)"
     * @param detail   what the estimate is made of, or null: "staging 2.0 MiB + before-images 0 B"
     */
    public static void require(Path dir, long needed, String what, String detail) {
        FileStore store = store(dir);
        if (store == null) {
            return;
        }
        long free;
        try {
            free = store.getUsableSpace();
        } catch (IOException e) {
            return;
        }
        long want = needed + RESERVE;
        if (free >= want) {
            return;
        }
        throw RollbackException.badInput("not enough free space on " + describe(store) + " for " + what + ": it needs about "
                + bytes(want) + (detail == null ? "" : " (" + detail + ")") + ", only " + bytes(free) + " is free;"
                + " free at least " + bytes(want - free) + " there and run it again; nothing was changed");
    }

    /** "/mnt/data (tmpfs)": the mount point and the device or type, as {@code df} names it. */
    public static String describe(FileStore store) {
        String s = store.toString(); // on Linux "MOUNTPOINT (DEVICE)"
        return s == null || s.isBlank() ? store.name() + " (" + store.type() + ")" : s;
    }

    /** The file system holding {@code p}, named for a message, or the path itself when it cannot be found. */
    public static String describe(Path p) {
        FileStore store = store(p);
        return store == null ? String.valueOf(p) : describe(store);
    }

    /** The file system holding {@code dir}, or that of its nearest existing parent; null when none can be found. */
    public static FileStore store(Path dir) {
        Path p = dir.toAbsolutePath();
        while (p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            p = p.getParent();
        }
        if (p == null) {
            return null;
        }
        try {
            return Files.getFileStore(p);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /**
     * The most bytes the folders {@code dirs} can hold, without looking at one file: what
     * the file system of {@code on} has in use (its size less what is unallocated), when
     * every folder lies on that file system and nothing else is mounted below them; -1 when
     * that cannot be told (another file system, a mount below, no mount table to read). An
     * upper bound of their allocated bytes: sparse files and hard links between them can
     * still make a copy larger.
     */
    public static long heldAtMost(Path on, List<Path> dirs) {
        FileStore store = store(on);
        if (store == null) {
            return -1;
        }
        List<String> mounts = mountPoints();
        if (mounts == null) {
            return -1;
        }
        try {
            for (Path d : dirs) {
                Path real = d.toRealPath();
                if (!store.equals(Files.getFileStore(real))) {
                    return -1;
                }
                String below = real + "/";
                for (String m : mounts) {
                    if (m.startsWith(below)) {
                        return -1;
                    }
                }
            }
            return store.getTotalSpace() - store.getUnallocatedSpace();
        } catch (IOException | SecurityException e) {
            return -1;
        }
    }

    /** Every mount point of this system ({@code /proc/self/mounts}), or null where there is no such table. */
    private static List<String> mountPoints() {
        Path table = Path.of("/proc/self/mounts");
        if (!Files.isReadable(table)) {
            return null;
        }
        try {
            List<String> points = new ArrayList<>();
            for (String line : Files.readAllLines(table)) {
                String[] f = line.split(" ");
                if (f.length > 1) {
                    points.add(unescape(f[1]));
                }
            }
            return points;
        } catch (IOException | java.io.UncheckedIOException e) {
            return null;
        }
    }

    /** A mount table's field: space, tab, newline and backslash written as octal escapes ({@code \040}). */
    private static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            boolean octal = c == '\\' && i + 3 < field.length()
                    && field.substring(i + 1, i + 4).chars().allMatch(d -> d >= '0' && d <= '7');
            if (octal) {
                b.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** True when the file system said it is full (ENOSPC, or EDQUOT: a quota reached). */
    public static boolean isNoSpace(Throwable e) {
        return noSpaceCause(e) != null;
    }

    /** The first exception of the chain that says the file system is full, or null. */
    public static Throwable noSpaceCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t instanceof java.nio.file.FileSystemException f ? f.getReason() : t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) {
                return t;
            }
        }
        return null;
    }

    /**
     * A "no space" failure of a write to {@code file} with the file's name on it (a channel's
     * write says only "No space left on device"), so the message can name the file system;
     * any other failure as it is.
     */
    public static IOException named(Path file, IOException e) {
        if (!isNoSpace(e) || (e instanceof java.nio.file.FileSystemException f && f.getFile() != null)) {
            return e;
        }
        java.nio.file.FileSystemException named = new java.nio.file.FileSystemException(file.toString(), null,
                "No space left on device");
        named.initCause(e);
        return named;
    }

    /** Human-readable: {@code 512 B}, {@code 12.3 MiB}. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        double v = n;
        int u = -1;
        while (v >= 1024 && u < UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, UNITS[u]);
    }
}
