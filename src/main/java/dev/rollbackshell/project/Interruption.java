package dev.rollbackshell.project;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Ctrl-C, in the core's terms. The shell turns Ctrl-C into an interrupt of the thread that
 * runs the command; long work notices it ({@link #check()}, {@code CommandRunner} kills the
 * process tree it started) and stops with {@link Interrupted}, before anything of the
 * interrupted step is recorded. A step that must not stop half-way (a journal entry being
 * applied or reverted) runs {@link #atomically}: an interrupt that arrives meanwhile is held
 * back and delivered when the step is complete. See docs/shell.md#ctrl-c.
 */
public final class Interruption {

    /** The exit status of a run stopped by Ctrl-C, as shells report SIGINT (128 + 2). */
    public static final int STATUS = 130;

    private static final Object MONITOR = new Object();
    private static final Set<Thread> ATOMIC = new HashSet<>();
    private static final Set<Thread> PENDING = new HashSet<>();
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private Interruption() {
    }

    /** The run was interrupted (Ctrl-C): exit 130; what was interrupted left no record. */
    public static final class Interrupted extends RollbackException {
        public Interrupted(String message) {
            super(STATUS, message);
        }

        public Interrupted() {
            this("interrupted; nothing recorded");
        }
    }

    /** Throws {@link Interrupted} when this thread was interrupted (keeps the interrupt status). */
    public static void check() {
        if (Thread.currentThread().isInterrupted()) {
            throw new Interrupted();
        }
    }

    /** Runs {@code body} so that an interrupt cannot stop it half-way: it is delivered after. */
    public static <T> T atomically(Supplier<T> body) {
        Thread me = Thread.currentThread();
        int[] depth = DEPTH.get();
        if (depth[0]++ == 0) {
            synchronized (MONITOR) {
                ATOMIC.add(me);
            }
        }
        try {
            return body.get();
        } finally {
            if (--depth[0] == 0) {
                boolean pending;
                synchronized (MONITOR) {
                    ATOMIC.remove(me);
                    pending = PENDING.remove(me);
                }
                if (pending) {
                    me.interrupt();
                }
            }
        }
    }

    /**
     * For the shell's command thread, when it is interrupted: true when {@code t} is inside
     * {@link #atomically} (the interrupt is then held back until it leaves), false when the
     * interrupt may be delivered now.
     */
    public static boolean holdBack(Thread t) {
        synchronized (MONITOR) {
            if (ATOMIC.contains(t)) {
                PENDING.add(t);
                return true;
            }
            return false;
        }
    }
}
