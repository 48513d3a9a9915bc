package dev.rollbackshell.project;

/**
 * The pauses the crash tests of the real launcher put into long work, set by system properties
 * ({@code -Drollback.journal.stepDelayMillis}, {@code -Drollback.journal.stageDelayMillis},
 * {@code -Drollback.backup.fileDelayMillis}) so that a {@code kill -9} lands in the middle of
 * small trees (docs/architecture.md, "Tests"). Zero, the default, pauses not at all.
 */
public final class Pause {

    /** The pause a property asks for, in milliseconds (0 when unset). */
    public static long property(String name) {
        return Math.max(0, Long.getLong(name, 0));
    }

    /** Sleeps {@code millis} (nothing at 0); an interrupt ends it early and stays set for the caller to see. */
    public static void of(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Pause() {
    }
}
