package dev.rollbackshell.shell.render;

import dev.rollbackshell.project.Printable;
import java.util.ArrayList;
import java.util.List;

/** A plain text table: a header, rows, columns aligned (numbers to the right), two spaces apart. */
public final class Table {

    private final List<String> headers;
    private final boolean[] right;
    private final List<List<String>> rows = new ArrayList<>();
    private String indent = "";

    private Table(List<String> headers) {
        this.headers = headers;
        this.right = new boolean[headers.size()];
    }

    /** Column headers; a header starting with {@code >} is right-aligned (the mark is dropped). */
    public static Table of(String... headers) {
        List<String> names = new ArrayList<>();
        boolean[] right = new boolean[headers.length];
        for (int i = 0; i < headers.length; i++) {
            right[i] = headers[i].startsWith(">");
            names.add(right[i] ? headers[i].substring(1) : headers[i]);
        }
        Table t = new Table(names);
        System.arraycopy(right, 0, t.right, 0, right.length);
        return t;
    }

    public Table indent(String prefix) {
        this.indent = prefix;
        return this;
    }

    /** A row; each cell is shown on one line, control characters escaped ({@link Printable}: cells hold file names). */
    public Table row(Object... cells) {
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(c == null ? "" : Printable.name(c.toString()));
        }
        rows.add(r);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public String render() {
        int n = headers.size();
        int[] width = new int[n];
        for (int i = 0; i < n; i++) {
            width[i] = headers.get(i).length();
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], i < r.size() ? r.get(i).length() : 0);
            }
        }
        shrink(width, Fit.columns());
        StringBuilder out = new StringBuilder();
        line(out, headers, width);
        for (List<String> r : rows) {
            line(out, r, width);
        }
        return out.toString();
    }

    /**
     * Narrows the widest columns until the table fits {@code columns} (0: no limit); a cell
     * wider than its column is then shortened in the middle ({@link Fit#middle}).
     */
    private void shrink(int[] width, int columns) {
        if (columns < Fit.MIN_WIDTH) {
            return;
        }
        while (true) {
            int total = indent.length() + 2 * (width.length - 1);
            int widest = 0;
            for (int i = 0; i < width.length; i++) {
                total += width[i];
                widest = width[i] > width[widest] ? i : widest;
            }
            int floor = Math.max(8, headers.get(widest).length());
            if (total <= columns || width[widest] <= floor) {
                return;
            }
            int second = 0;
            for (int i = 0; i < width.length; i++) {
                second = i != widest ? Math.max(second, width[i]) : second;
            }
            // down to the next widest column at most, so the narrowing is shared out
            width[widest] = Math.max(floor, Math.max(second, width[widest] - (total - columns)));
            if (width[widest] == second && second > floor && total - columns > 0) {
                width[widest] = Math.max(floor, width[widest] - 1);
            }
        }
    }

    private void line(StringBuilder out, List<String> cells, int[] width) {
        StringBuilder l = new StringBuilder(indent);
        for (int i = 0; i < width.length; i++) {
            String c = i < cells.size() ? Fit.middle(cells.get(i), width[i]) : "";
            String pad = " ".repeat(width[i] - c.length());
            l.append(right[i] ? pad + c : c + pad);
            if (i < width.length - 1) {
                l.append("  ");
            }
        }
        out.append(l.toString().stripTrailing()).append('\n');
    }
}
