package dev.rollbackshell.project;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The one clock of the product. Normally the system's; with the system property
 * {@value #PROPERTY} set to an instant ({@code 2026-12-01T12:00:00Z}) it stands still at
 * that instant, so that the golden tests see the same backup ids, ages and dates on every
 * run (docs/architecture.md, "Tests"). Durations are measured with {@link System#nanoTime()}
 * and are not affected.
 */
public final class Clocks {

    public static final String PROPERTY = "rollback.clock";

    private Clocks() {
    }

    public static Clock clock() {
        String fixed = System.getProperty(PROPERTY);
        return fixed == null || fixed.isBlank() ? Clock.systemDefaultZone()
                : Clock.fixed(Instant.parse(fixed), ZoneId.systemDefault());
    }

    public static Instant now() {
        return clock().instant();
    }
}
