package dev.rollbackshell.golden;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/** A unified diff of two texts, for the message of a failed golden comparison. */
final class UnifiedDiff {

    private UnifiedDiff() {
    }

    static String of(String name, String expected, String actual) throws IOException {
        RawText a = new RawText(expected.getBytes(StandardCharsets.UTF_8));
        RawText b = new RawText(actual.getBytes(StandardCharsets.UTF_8));
        EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, a, b);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter f = new DiffFormatter(out)) {
            f.setContext(2);
            f.format(edits, a, b);
        }
        return "--- " + name + " (golden)\n+++ " + name + " (now)\n" + out.toString(StandardCharsets.UTF_8);
    }
}
