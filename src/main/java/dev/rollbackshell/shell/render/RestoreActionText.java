package dev.rollbackshell.shell.render;

import dev.rollbackshell.app.RestoreOutcome;
import dev.rollbackshell.restore.RestoreReport;
import dev.rollbackshell.shell.Console;
import dev.rollbackshell.verify.Verification;
import java.util.List;
import org.jline.utils.AttributedStyle;

/** Text of {@code restore suggestion} and {@code restore scenario}: what was restored, then verify. */
public final class RestoreActionText {

    private RestoreActionText() {
    }

    public static String render(RestoreOutcome o, Console c) {
        return restored(o) + verified(o, c);
    }

    /** What was restored (printed as soon as it is done, before verify's progress). */
    public static String restored(RestoreOutcome o) {
        StringBuilder out = new StringBuilder();
        for (RestoreReport r : o.restores()) {
            out.append(RestoreText.report(r).stripTrailing()).append('\n');
        }
        for (String note : o.notes() == null ? List.<String>of() : o.notes()) {
            out.append("note: ").append(note).append('\n');
        }
        return out.toString();
    }

    /** The verification after the restore, and what it means. */
    public static String verified(RestoreOutcome o, Console c) {
        return verified(o, c, List.of());
    }

    /** The verification after the restore, then {@code notes} that depend on it (a scenario's next steps). */
    public static String verified(RestoreOutcome o, Console c, List<String> notes) {
        StringBuilder out = new StringBuilder();
        if (o.verification() != null) {
            out.append('\n').append(VerificationRenderer.render(o.verification(), c).stripTrailing()).append('\n');
        }
        if (o.worse() != null && !o.worse().isEmpty()) {
            out.append(c.paint("WORSE THAN BEFORE the restore:", AttributedStyle.RED)).append('\n');
            o.worse().forEach(w -> out.append("  ").append(w).append('\n'));
            out.append("'undo' puts the project back exactly as it was before ").append(o.applied()).append('\n');
        } else if (o.verification() != null && !o.verification().ok()) {
            out.append("still failing: try the next suggestion ('suggest'), or 'undo' to go back\n");
        }
        notes.forEach(n -> out.append("note: ").append(n).append('\n'));
        return out.toString();
    }
}
