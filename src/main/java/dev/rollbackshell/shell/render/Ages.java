package dev.rollbackshell.shell.render;

import dev.rollbackshell.project.Clocks;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How long ago something happened, as people say it: "just now", "3 min ago", "2 days ago". */
public final class Ages {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Ages() {
    }

    public static String ago(Instant then) {
        return ago(then, Clocks.now());
    }

    public static String ago(Instant then, Instant now) {
        if (then == null) {
            return "?";
        }
        long s = Duration.between(then, now).getSeconds();
        if (s < -5) {
            return "in the future (clock skew?)";
        }
        if (s < 10) {
            return "just now";
        }
        if (s < 60) {
            return s + " s ago";
        }
        long m = s / 60;
        if (m < 60) {
            return m + " min ago";
        }
        long h = m / 60;
        if (h < 48) {
            return h + " h ago";
        }
        long d = h / 24;
        if (d < 30) {
            return d + " days ago";
        }
        return "on " + DATE.format(LocalDateTime.ofInstant(then, ZoneId.systemDefault()));
    }

    /** Local date and time, "2025-03-04 05:06:07". */
    public static String stamp(Instant t) {
        return t == null ? "?" : STAMP.format(LocalDateTime.ofInstant(t, ZoneId.systemDefault()));
    }
}
