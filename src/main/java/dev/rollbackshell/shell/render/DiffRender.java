package dev.rollbackshell.shell.render;

import dev.rollbackshell.diff.BackupDiff;
import dev.rollbackshell.project.Printable;

/** Text of {@code diff}: the patches, or git's {@code --stat} summary. */
public final class DiffRender {

    private DiffRender() {
    }

    public static String patches(BackupDiff.Result r) {
        if (r.files().isEmpty()) {
            return none(r);
        }
        StringBuilder out = new StringBuilder();
        for (BackupDiff.FileDiff f : r.files()) {
            out.append(f.patch());
        }
        return out.toString();
    }

    public static String stat(BackupDiff.Result r) {
        if (r.files().isEmpty()) {
            return none(r);
        }
        int max = 1;
        for (BackupDiff.FileDiff f : r.files()) {
            max = Math.max(max, f.insertions() + f.deletions());
        }
        double scale = max > 50 ? 50.0 / max : 1;
        int nameWidth = 0;
        int numWidth = 3;
        for (BackupDiff.FileDiff f : r.files()) {
            nameWidth = Math.max(nameWidth, label(f).length());
            numWidth = Math.max(numWidth, String.valueOf(f.insertions() + f.deletions()).length());
        }
        StringBuilder out = new StringBuilder();
        for (BackupDiff.FileDiff f : r.files()) {
            String n = f.binary() ? "Bin" : String.valueOf(f.insertions() + f.deletions());
            String graph = f.binary() ? ""
                    : " " + "+".repeat(bar(f.insertions(), scale)) + "-".repeat(bar(f.deletions(), scale));
            out.append(' ').append(String.format("%-" + nameWidth + "s", label(f))).append(" | ")
                    .append(String.format("%" + numWidth + "s", n)).append(graph.stripTrailing()).append('\n');
        }
        return out.append(' ').append(Sizes.plural(r.files().size(), "file", "files")).append(" changed, ")
                .append(Sizes.plural(r.insertions(), "insertion(+)", "insertions(+)")).append(", ")
                .append(Sizes.plural(r.deletions(), "deletion(-)", "deletions(-)")).append(" (backup ")
                .append(r.backup()).append(" -> project)\n").toString();
    }

    private static String label(BackupDiff.FileDiff f) {
        String path = Printable.name(f.path());
        return f.change().equals(BackupDiff.MODIFIED) ? path : path + " (" + f.change() + ")";
    }

    private static int bar(int n, double scale) {
        return n == 0 ? 0 : Math.max(1, (int) Math.round(n * scale));
    }

    private static String none(BackupDiff.Result r) {
        return "no differences between backup " + r.backup() + " and the project"
                + (r.path().isEmpty() ? "" : " under " + Printable.name(r.path())) + "\n";
    }
}
