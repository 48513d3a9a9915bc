package dev.rollbackshell.shell.render;

import dev.rollbackshell.diff.BackupDiff;

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
        Table t = Table.of("", "", "").indent(" ");
        for (BackupDiff.FileDiff f : r.files()) {
            String graph;
            String n;
            if (f.binary()) {
                n = "Bin";
                graph = "";
            } else {
                n = String.valueOf(f.insertions() + f.deletions());
                graph = "+".repeat(bar(f.insertions(), scale)) + "-".repeat(bar(f.deletions(), scale));
            }
            String tag = f.change().equals(BackupDiff.MODIFIED) ? "" : " (" + f.change() + ")";
            t.row(f.path() + tag, "| " + n, graph);
        }
        String text = t.render();
        return text.substring(text.indexOf('\n') + 1) + " " + Sizes.plural(r.files().size(), "file", "files")
                + " changed, " + Sizes.plural(r.insertions(), "insertion(+)", "insertions(+)") + ", "
                + Sizes.plural(r.deletions(), "deletion(-)", "deletions(-)") + " (backup " + r.backup()
                + " -> project)\n";
    }

    private static int bar(int n, double scale) {
        return n == 0 ? 0 : Math.max(1, (int) Math.round(n * scale));
    }

    private static String none(BackupDiff.Result r) {
        return "no differences between backup " + r.backup() + " and the project"
                + (r.path().isEmpty() ? "" : " under " + r.path()) + "\n";
    }
}
