package dev.rollbackshell.project;

import java.util.List;
import java.util.Locale;

/**
 * A file name (or any one-line text that embeds one) as one printable line: a newline,
 * tab, carriage return or other control character is shown as {@code \n}, {@code \t},
 * {@code \r}, {@code \x1b}, so a file named {@code a<newline>b.py} can neither break a
 * line of a table or a message nor send escape sequences to the terminal
 * (docs/restore.md, "What can go wrong"). Every text renderer, and every message the
 * core builds around a path, goes through it; JSON keeps the raw name (Jackson escapes it).
 */
public final class Printable {

    private Printable() {
    }

    /** {@code s} with its control characters escaped; {@code s} itself when it has none (null stays null). */
    public static String name(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String esc = c == '\n' ? "\\n" : c == '\t' ? "\\t" : c == '\r' ? "\\r"
                    : Character.isISOControl(c) ? String.format(Locale.ROOT, "\\x%02x", (int) c) : null;
            if (esc != null && out == null) {
                out = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (out != null) {
                if (esc != null) {
                    out.append(esc);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }

    /** Each of {@code names} escaped. */
    public static List<String> names(List<String> names) {
        return names.stream().map(Printable::name).toList();
    }
}
