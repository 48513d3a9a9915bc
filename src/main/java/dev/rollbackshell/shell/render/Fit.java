package dev.rollbackshell.shell.render;

import dev.rollbackshell.check.FailureText;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Text that fits the terminal. Every reply and progress line goes through {@link #text}
 * (the shell's output does it, so each renderer, old or new, gets it): a line wider than
 * the terminal is wrapped at spaces with a hanging indent, under the text after its label
 * ({@code "    restores:   a, b, c"} continues under {@code a}); a word too long for a line,
 * usually a path, is shortened in the middle ({@code src/batch_pro…/controller.py});
 * {@link Table} shrinks its widest column first. Nothing is lost for good: {@code --json}
 * and the report always have the whole text. Width 0 means "do not fit" (output to a pipe
 * or a file). How the width is chosen: docs/shell.md#output-that-fits.
 */
public final class Fit {

    /** Narrowest width fitted to: below it a line is left as it is (a very narrow pane wraps anyway). */
    static final int MIN_WIDTH = 30;
    private static volatile IntSupplier columns = () -> 0;

    private Fit() {
    }

    /** Where the width comes from (the shell's console: the terminal, {@code COLUMNS}, or 0). */
    public static void columnsFrom(IntSupplier supplier) {
        columns = supplier;
    }

    /** The width output is fitted to now; 0 when it is not fitted. */
    public static int columns() {
        return columns.getAsInt();
    }

    /** {@code text} with every line fitted to {@code width} columns (0: unchanged). */
    public static String text(String text, int width) {
        return text(text, width, true);
    }

    /**
     * {@code text} wrapped at spaces to {@code width} columns with a hanging indent, every
     * word kept whole, however long: for errors and warnings, whose paths and commands must
     * stay exact enough to copy.
     */
    public static String wrap(String text, int width) {
        return text(text, width, false);
    }

    private static String text(String text, int width, boolean shorten) {
        if (width < MIN_WIDTH || text == null || text.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 64);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            List<String> fitted = line(lines[i], width, shorten);
            out.append(String.join("\n", fitted));
        }
        return out.toString();
    }

    /** One line, wrapped to {@code width} columns with a hanging indent. */
    public static List<String> line(String line, int width) {
        return line(line, width, true);
    }

    /** {@code shorten}: a word too long for a line is shortened in the middle; else it overflows whole. */
    private static List<String> line(String line, int width, boolean shorten) {
        if (visible(line) <= width || width < MIN_WIDTH) {
            return List.of(line);
        }
        int hang = hangingIndent(line, width);
        int lead = leadingSpaces(line);
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder(line.substring(0, lead));
        int curWidth = lead;
        boolean empty = true;
        for (String word : line.substring(lead).split(" ", -1)) {
            int w = visible(word);
            int here = width - curWidth - (empty ? 0 : 1);
            if (shorten && w > width - hang && here >= 12 && here >= (width - hang) / 2) {
                word = shorten(word, here); // fits no line whole: shortened where it stands
                w = visible(word);
            }
            if (!empty && curWidth + 1 + w > width) {
                out.add(cur.toString().stripTrailing());
                cur = new StringBuilder(" ".repeat(hang));
                curWidth = hang;
                empty = true;
            }
            int room = width - curWidth - (empty ? 0 : 1);
            if (shorten && w > room && empty) {
                word = shorten(word, room);
                w = visible(word);
            }
            if (!empty) {
                cur.append(' ');
                curWidth++;
            }
            cur.append(word);
            curWidth += w;
            empty = word.isEmpty() && empty;
        }
        out.add(cur.toString().stripTrailing());
        return out;
    }

    /**
     * {@code s} in at most {@code max} columns: a path keeps its start and its file name
     * ({@code src/batch_pro…/controller.py}), other text its start and an ellipsis.
     */
    public static String middle(String s, int max) {
        if (s.length() <= max || max < 5) {
            return s;
        }
        int slash = s.lastIndexOf('/');
        int tail = slash >= 0 ? Math.min(s.length() - slash, max / 2 + max / 6) : (max - 1) / 3;
        int head = max - 1 - tail;
        return s.substring(0, head) + "…" + s.substring(s.length() - tail);
    }

    private static String shorten(String word, int room) {
        if (word.indexOf('\u001B') >= 0 || room < 5) {
            return word; // coloured words are short labels; a tiny room is better overflowed than mangled
        }
        return middle(word, room);
    }

    /**
     * Where continuation lines start: under the text after a label ({@code "  FIRED  id   text"},
     * {@code "restores:   a, b"}: after the first run of two or more spaces, when that is in the
     * left half of the line), after a list marker ({@code "- "}), else two columns in.
     */
    static int hangingIndent(String line, int width) {
        String plain = FailureText.plain(line);
        int lead = leadingSpaces(plain);
        if (plain.startsWith("- ", lead) || plain.startsWith("* ", lead)) {
            return lead + 2;
        }
        int firstSpace = plain.indexOf(' ', lead);
        if (firstSpace > lead && firstSpace - lead <= 14 && plain.charAt(firstSpace - 1) == ':') {
            int j = firstSpace; // "restores:   a, b" and "overwrites: 2: a, b": under the text after the label
            while (j < plain.length() && plain.charAt(j) == ' ') {
                j++;
            }
            if (j <= width / 2 && j < plain.length()) {
                return j;
            }
        }
        int best = -1;
        for (int i = lead; i < plain.length() - 2; i++) {
            if (plain.charAt(i) != ' ' && plain.charAt(i + 1) == ' ' && plain.charAt(i + 2) == ' ') {
                int j = i + 1;
                while (j < plain.length() && plain.charAt(j) == ' ') {
                    j++;
                }
                best = j;
                break;
            }
        }
        if (best > 0 && best <= width / 2 && best < plain.length()) {
            // a label column followed by a second one ("FIRED  tests-regressed   text"): under the text
            int next = hangAfter(plain, best, width);
            return next > 0 ? next : best;
        }
        return Math.min(lead + 2, width / 2);
    }

    private static int hangAfter(String plain, int from, int width) {
        int space = plain.indexOf("  ", from);
        if (space < 0 || plain.indexOf(' ', from) != space) {
            return -1; // the second column is not a single word followed by a gap
        }
        int j = space;
        while (j < plain.length() && plain.charAt(j) == ' ') {
            j++;
        }
        return j <= width / 2 && j < plain.length() ? j : -1;
    }

    private static int leadingSpaces(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** Columns a string takes on a terminal (colour codes take none). */
    static int visible(String s) {
        return s.indexOf('\u001B') < 0 ? s.length() : FailureText.plain(s).length();
    }

    /** {@code s} without terminal colour and cursor codes. */
    public static String stripAnsi(String s) {
        return s == null ? null : FailureText.plain(s);
    }
}
