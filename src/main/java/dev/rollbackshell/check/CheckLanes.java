package dev.rollbackshell.check;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Checks of this process may run side by side (two candidates proven at once, in two
 * scratch copies), except the performance check: it measures time, so it runs alone, never
 * beside another check. Every external check command runs in the shared lane, the
 * performance check in the exclusive one (docs/plan.md#suggest).
 */
public final class CheckLanes {

    private static final ReentrantReadWriteLock LOCK = new ReentrantReadWriteLock(true);

    private CheckLanes() {
    }

    /** Runs an ordinary check: beside others, never beside the performance check. */
    public static <T> T shared(Supplier<T> check) {
        if (LOCK.isWriteLockedByCurrentThread()) {
            return check.get();
        }
        LOCK.readLock().lock();
        try {
            return check.get();
        } finally {
            LOCK.readLock().unlock();
        }
    }

    /** Runs the performance check alone: it waits for the checks running now, and the others wait for it. */
    public static <T> T alone(Supplier<T> check) {
        if (LOCK.getReadHoldCount() > 0) {
            return check.get(); // called from inside a shared check: cannot upgrade, run as is
        }
        LOCK.writeLock().lock();
        try {
            return check.get();
        } finally {
            LOCK.writeLock().unlock();
        }
    }
}
