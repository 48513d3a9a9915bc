package dev.rollbackshell.shell.render;

import dev.rollbackshell.project.Printable;
import java.util.List;

/** Small text helpers for the renderers. */
final class Text {

    private Text() {
    }

    static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }

    /** Items (file names, mostly) joined on one line, each escaped ({@link Printable}); more than {@code max} summarised. */
    static String list(List<String> items, int max) {
        if (items.size() <= max) {
            return String.join(", ", Printable.names(items));
        }
        return String.join(", ", Printable.names(items.subList(0, max))) + " and " + (items.size() - max) + " more";
    }

    static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
    }
}
