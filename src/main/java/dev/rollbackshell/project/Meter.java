package dev.rollbackshell.project;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How far long work has come: {@code backup create}, {@code backup verify},
 * {@code restore all} and proving count the files (or candidates) and bytes they have
 * done against the totals they expect. The core only counts; the shell installs the
 * {@link Sink} that shows it (a status line on a terminal, one summary line otherwise;
 * see shell/ProgressLine). Without a sink nothing is shown. Counting is thread-safe and
 * cheap (two atomic adds): the copy and hash threads call it once per file.
 */
public final class Meter {

    /** What shows the work; called from any thread, so it must be quick and thread-safe. */
    public interface Sink {
        void started(Task task);

        /** Called on every {@link Task#add}: the sink decides how often to redraw. */
        void progressed(Task task);

        void finished(Task task);
    }

    private static final Sink NONE = new Sink() {
        @Override
        public void started(Task task) {
        }

        @Override
        public void progressed(Task task) {
        }

        @Override
        public void finished(Task task) {
        }
    };

    private static volatile Sink sink = NONE;

    private Meter() {
    }

    /** The shell's sink; null removes it. */
    public static void install(Sink s) {
        sink = s == null ? NONE : s;
    }

    /**
     * Starts counting one piece of work.
     *
     * @param what  what is being done, e.g. "backup create"
     * @param unit  what the count counts: "files", "candidates"
     * @param total how many are expected (0: not known)
     * @param bytes how many bytes are expected (0: not known, or the work has no bytes)
     * @param estimated true when the totals are a guess (the previous backup's size)
     */
    public static Task start(String what, String unit, long total, long bytes, boolean estimated) {
        Task t = new Task(sink, what, unit, total, bytes, estimated, true);
        t.sink.started(t);
        return t;
    }

    /**
     * Starts counting work that prints its own result when it ends (a test suite: "tests:
     * 28 passed"): shown on the status line while it runs, with no summary line of its own.
     * Its total may become known later ({@link Task#expect}).
     */
    public static Task startLive(String what, String unit) {
        Task t = new Task(sink, what, unit, 0, 0, false, false);
        t.sink.started(t);
        return t;
    }

    /** One piece of work being counted; close it when the work ends (also when it fails). */
    public static final class Task implements AutoCloseable {
        private final Sink sink;
        private final String what;
        private final String unit;
        private volatile long total;
        private final long totalBytes;
        private final boolean estimated;
        private final boolean summarised;
        private final long started = System.nanoTime();
        private final AtomicLong done = new AtomicLong();
        private final AtomicLong doneBytes = new AtomicLong();
        private volatile long ended;

        private Task(Sink sink, String what, String unit, long total, long totalBytes, boolean estimated,
                boolean summarised) {
            this.sink = sink;
            this.what = what;
            this.unit = unit;
            this.total = Math.max(0, total);
            this.totalBytes = Math.max(0, totalBytes);
            this.estimated = estimated;
            this.summarised = summarised;
        }

        /** The total, once the work says how much it will do (pytest's "collected 28 items"). */
        public void expect(long n) {
            total = Math.max(0, n);
        }

        /** {@code n} more done, {@code bytes} more bytes. */
        public void add(long n, long bytes) {
            done.addAndGet(n);
            if (bytes != 0) {
                doneBytes.addAndGet(bytes);
            }
            sink.progressed(this);
        }

        @Override
        public void close() {
            if (ended == 0) {
                ended = System.nanoTime();
                sink.finished(this);
            }
        }

        public String what() {
            return what;
        }

        public String unit() {
            return unit;
        }

        public long done() {
            return done.get();
        }

        public long doneBytes() {
            return doneBytes.get();
        }

        public long total() {
            return total;
        }

        public long totalBytes() {
            return totalBytes;
        }

        public boolean estimated() {
            return estimated;
        }

        /** False for work that prints its own result line ({@link Meter#startLive}): no summary line. */
        public boolean summarised() {
            return summarised;
        }

        /** Nanoseconds since the start (until the end, once closed). */
        public long elapsedNanos() {
            long end = ended;
            return (end == 0 ? System.nanoTime() : end) - started;
        }

        /** Bytes per second so far (files per second when there are no bytes); 0 before any. */
        public double rate() {
            double s = elapsedNanos() / 1e9;
            if (s <= 0) {
                return 0;
            }
            return (totalBytes > 0 || doneBytes() > 0 ? doneBytes() : done()) / s;
        }

        /**
         * Seconds left at the rate so far, by bytes when their total is known, else by
         * count; -1 when it cannot be told (no total, nothing done yet, or past the guess).
         */
        public long secondsLeft() {
            long d;
            long t;
            if (totalBytes > 0) {
                d = doneBytes();
                t = totalBytes;
            } else {
                d = done();
                t = total;
            }
            if (t <= 0 || d <= 0 || d >= t) {
                return -1;
            }
            double perUnit = elapsedNanos() / 1e9 / d;
            return Math.round(perUnit * (t - d));
        }
    }
}
