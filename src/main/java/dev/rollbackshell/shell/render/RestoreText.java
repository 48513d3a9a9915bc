package dev.rollbackshell.shell.render;

import dev.rollbackshell.project.Printable;
import dev.rollbackshell.restore.Cleaner;
import dev.rollbackshell.restore.RestoreReport;
import dev.rollbackshell.restore.RestoreReport.Item;
import java.util.ArrayList;
import java.util.List;

/** Text of {@code restore file}, {@code restore all} and {@code clean}, with and without {@code --dry-run}. */
public final class RestoreText {

    /** More lines than this per list are summarised; {@code --json} always gives all. */
    static final int MAX_LINES = 200;

    private RestoreText() {
    }

    public static String report(RestoreReport r) {
        StringBuilder sb = new StringBuilder();
        String source = r.source().description();
        RestoreReport.Summary s = r.summary();
        boolean dry = r.dryRun();
        if (r.changesNothing() && r.problems().isEmpty()) {
            sb.append(String.join(", ", Printable.names(r.paths()))).append(r.paths().size() == 1 ? " is" : " are")
                    .append(" already as in ").append(source).append(": ").append(s.unchanged())
                    .append(" unchanged, nothing ").append(dry ? "to write" : "written").append('\n');
            sb.append(table(leftAndSkipped(r, dry)));
            return sb.toString().stripTrailing();
        }
        sb.append(dry ? "dry run, nothing was changed: " + r.action() + " from " + source + " would\n"
                : r.action() + " from " + source + ":\n");
        List<String[]> rows = new ArrayList<>();
        for (RestoreReport.Problem p : r.problems()) {
            rows.add(new String[] {"DAMAGED", p.path(), "", p.problem()
                    + (p.goodCopy() == null ? "; no other backup has a good copy" : "; backup " + p.goodCopy() + " has a good copy")});
        }
        addRows(rows, r.written(), dry ? "write" : "wrote");
        addRows(rows, r.removed(), dry ? "remove" : "removed");
        rows.addAll(leftAndSkipped(r, dry));
        sb.append(table(rows));
        sb.append(dry ? "would write " : "wrote ").append(s.written()).append(s.written() == 1 ? " file" : " files")
                .append(" (").append(Sizes.bytes(s.bytesWritten())).append(dry ? "), remove " : "), removed ").append(s.removed())
                .append(" (").append(Sizes.bytes(s.bytesRemoved())).append(dry ? "), leave " : "), left ").append(s.unchanged())
                .append(" unchanged");
        if (s.left() > 0) {
            sb.append(" and ").append(s.left()).append(" not in the source");
        }
        if (r.journal() != null) {
            sb.append("\njournal entry ").append(r.journal()).append(": 'undo' puts everything back as it was");
        }
        if (!r.problems().isEmpty()) {
            sb.append("\nthe restore would be refused: restore the damaged files from another backup, or add --force");
        }
        return sb.toString();
    }

    private static List<String[]> leftAndSkipped(RestoreReport r, boolean dry) {
        List<String[]> rows = new ArrayList<>();
        for (Item i : r.left()) {
            if (!RestoreReport.UNCHANGED.equals(i.reason())) {
                rows.add(new String[] {dry ? "leave" : "left", i.path(), size(i), i.reason()});
            }
        }
        for (RestoreReport.Skipped k : r.skipped()) {
            rows.add(new String[] {"skipped", k.folder() + "/", "", k.reason()});
        }
        return rows;
    }

    private static void addRows(List<String[]> rows, List<Item> items, String verb) {
        for (Item i : items) {
            rows.add(new String[] {verb, i.path() + suffix(i), size(i), i.reason()});
        }
    }

    private static String suffix(Item i) {
        return switch (i.type()) {
            case "dir" -> "/";
            case "link" -> " (link)";
            default -> "";
        };
    }

    private static String size(Item i) {
        return "file".equals(i.type()) ? Sizes.bytes(i.size()) : "";
    }

    public static String clean(Cleaner.CleanReport r) {
        if (r.removed().isEmpty()) {
            return "nothing to clean: no " + String.join(" or ", r.patterns()) + " in " + String.join(", ", r.folders());
        }
        List<String[]> rows = new ArrayList<>();
        for (Item i : r.removed()) {
            rows.add(new String[] {r.dryRun() ? "remove" : "removed", i.path() + ("dir".equals(i.type()) ? "/" : ""), size(i)});
        }
        StringBuilder sb = new StringBuilder(r.dryRun() ? "dry run, nothing was changed: clean would\n" : "");
        sb.append(table(rows));
        sb.append(r.dryRun() ? "would remove " : "removed ").append(r.files()).append(r.files() == 1 ? " file" : " files")
                .append(" (").append(Sizes.bytes(r.bytes())).append(") matching ").append(String.join(", ", r.patterns()));
        if (r.journal() != null) {
            sb.append("\njournal entry ").append(r.journal()).append(": 'undo' brings them back");
        }
        return sb.toString();
    }

    /** Rows as aligned columns, two spaces in; long lists cut with a note. A 4-column table has sizes in column 3. */
    public static String table(List<String[]> rows) {
        return table(rows, rows.isEmpty() || rows.get(0).length != 4 ? -1 : 2);
    }

    /** Rows as aligned columns, column {@code right} aligned right (-1: none). */
    public static String table(List<String[]> rows, int right) {
        if (rows.isEmpty()) {
            return "";
        }
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows.subList(0, Math.min(rows.size(), MAX_LINES))) {
            for (int c = 0; c < cols; c++) {
                width[c] = Math.max(width[c], Printable.name(r[c]).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (String[] r : rows) {
            if (++n > MAX_LINES) {
                sb.append("  ... and ").append(rows.size() - MAX_LINES).append(" more (--json lists them all)\n");
                break;
            }
            StringBuilder line = new StringBuilder("  ");
            for (int c = 0; c < cols; c++) {
                String cell = Printable.name(r[c]); // cells hold file names: one line each
                String pad = " ".repeat(Math.max(0, width[c] - cell.length()));
                line.append(c == right ? pad + cell : cell + (c < cols - 1 ? pad : "")).append(c < cols - 1 ? "  " : "");
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
