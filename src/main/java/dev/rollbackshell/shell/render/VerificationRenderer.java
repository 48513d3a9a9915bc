package dev.rollbackshell.shell.render;

import dev.rollbackshell.project.Printable;
import dev.rollbackshell.shell.Console;
import dev.rollbackshell.verify.Verification;
import org.jline.utils.AttributedStyle;

/** {@code verify} as a table: step, status, detail. */
public final class VerificationRenderer {

    private VerificationRenderer() {
    }

    public static String render(Verification v, Console c) {
        StringBuilder b = new StringBuilder();
        if (v.cached()) {
            b.append(cached(v.checkedAt(), v.steps().stream().anyMatch(s -> s.id().equals("performance")
                    && !s.status().equals(Verification.NOT_CONFIGURED)))).append('\n');
        }
        int w = v.steps().stream().mapToInt(s -> s.title() == null ? s.id().length() : s.title().length()).max().orElse(4) + 2;
        b.append(c.bold(Text.pad("STEP", w) + Text.pad("STATUS", 16) + "DETAIL")).append('\n');
        for (Verification.Step s : v.steps()) {
            String status = Text.pad(s.status(), 16);
            status = switch (s.status()) {
                case Verification.PASSED -> c.paint(status, AttributedStyle.GREEN);
                case Verification.FAILED -> c.paint(status, AttributedStyle.RED);
                default -> c.paint(status, AttributedStyle.YELLOW);
            };
            b.append(Text.pad(s.title() == null ? s.id() : s.title(), w)).append(status).append(Printable.name(s.detail())).append('\n');
        }
        b.append('\n').append(v.ok() ? c.paint("verify: ok", AttributedStyle.GREEN) : c.paint("verify: FAILED", AttributedStyle.RED))
                .append(" (").append(v.summary());
        if (v.backup() != null) {
            b.append("; compared with the baseline of backup ").append(v.backup());
        }
        b.append(")\n");
        if (!v.ok()) {
            b.append("Next: 'diagnose' and 'suggest', or 'undo' if a restore made it worse\n");
        }
        return b.toString();
    }

    /** The line above results that came from the check cache: "checks from 40 s ago, nothing changed since; --fresh to rerun". */
    public static String cached(java.time.Instant checkedAt, boolean performance) {
        return "checks from " + Ages.ago(checkedAt) + ", nothing changed since; --fresh to rerun"
                + (performance ? " (the performance check reran: it is never cached)" : "");
    }
}
