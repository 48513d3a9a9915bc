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

    /** An age as people type it: {@code 30d}, {@code 12h}, {@code 90min}, {@code 2w}; refuses (exit 2) anything else. */
    public static Duration parse(String text, String option) {
        var m = java.util.regex.Pattern.compile("(\\d{1,6})\\s*(w|d|h|min|m|s)").matcher(text.trim().toLowerCase());
        if (!m.matches()) {
            throw dev.rollbackshell.project.RollbackException.badInput(option + " '" + text
                    + "' is not an age; give a number and a unit: 30d, 12h, 90min, 2w");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "w" -> Duration.ofDays(7 * n);
            case "d" -> Duration.ofDays(n);
            case "h" -> Duration.ofHours(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
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
