package dev.rollbackshell.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Forces files (and folders) to disk before the journal lets any project file be replaced.
 * Many at once: the flushes run side by side so that the file system can commit them
 * together, instead of one disk round trip per file.
 */
final class Flush {

    private static final int THREADS = 16;

    private Flush() {
    }

    static void all(List<Path> paths) throws IOException {
        if (paths.size() <= 1) {
            for (Path p : paths) {
                one(p);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, paths.size()), r -> {
            Thread t = new Thread(r, "journal-flush");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Path p : paths) {
                done.add(pool.submit(() -> {
                    try {
                        one(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while flushing to disk", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Flushes a folder (its list of names), where the file system lets a folder be flushed. */
    static void dir(Path d) {
        try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // not every file system lets a folder be flushed; the rename order still holds
        }
    }

    private static void one(Path p) throws IOException {
        if (Files.isDirectory(p)) {
            dir(p);
            return;
        }
        // read-only is enough to flush (fsync), and works for the read-only files a restore writes
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
