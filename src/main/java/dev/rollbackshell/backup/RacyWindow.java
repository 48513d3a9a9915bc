package dev.rollbackshell.backup;

import dev.rollbackshell.project.FreeSpace;
import java.nio.file.FileStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long a file's modification time cannot be trusted to tell a later edit apart: git's
 * "racily clean" rule, sized to the file system (docs/architecture.md, "Tree
 * fingerprints"). A second edit moves the time unless it falls within the same tick of
 * the file system's clock: on the local Linux file systems that keep nanosecond times, a
 * tick of the kernel's coarse clock (at most 10 ms), so a window of {@value #FINE_MILLIS}
 * ms leaves a wide margin. Every other file system (FAT's two-second times, network file
 * systems whose server clock may differ, one not recognised) gets {@value #COARSE_MILLIS}
 * ms, the rule before file systems were told apart.
 */
public final class RacyWindow {

    /** Local file systems with nanosecond modification times (the mount types Linux reports). */
    static final Set<String> FINE = Set.of("ext4", "ext3", "xfs", "btrfs", "tmpfs", "overlay", "zfs", "f2fs",
            "bcachefs", "ramfs");
    static final long FINE_MILLIS = 250;
    static final long COARSE_MILLIS = 2_000;

    /**
     * By the path asked about: finding its file system reads the mount table each time. A
     * long REPL session asks about many scratch copies, so the answers are forgotten once
     * there are {@value #REMEMBERED} of them.
     */
    private static final Map<Path, Long> BY_PATH = new ConcurrentHashMap<>();
    static final int REMEMBERED = 64;

    private RacyWindow() {
    }

    /** The window, in milliseconds, for files on the file system that holds {@code path} (or its nearest existing parent). */
    public static long millis(Path path) {
        if (BY_PATH.size() >= REMEMBERED) {
            BY_PATH.clear();
        }
        return BY_PATH.computeIfAbsent(path.toAbsolutePath().normalize(), RacyWindow::of);
    }

    private static long of(Path path) {
        FileStore store = FreeSpace.store(path);
        return store != null && FINE.contains(store.type()) ? FINE_MILLIS : COARSE_MILLIS;
    }
}
