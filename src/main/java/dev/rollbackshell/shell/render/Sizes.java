package dev.rollbackshell.shell.render;

import java.util.Locale;

/** Human-readable sizes and counts: {@code 12.3 MiB}, {@code 1,234}. */
public final class Sizes {

    private Sizes() {
    }

    /** The one formatter of byte sizes lives in the core (project/FreeSpace), where refusals need it too. */
    public static String bytes(long n) {
        return dev.rollbackshell.project.FreeSpace.bytes(n);
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** "1 file", "3 files". */
    public static String plural(long n, String one, String many) {
        return count(n) + " " + (n == 1 ? one : many);
    }
}
