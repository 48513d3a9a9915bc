package dev.rollbackshell.shell.render;

import dev.rollbackshell.backup.Changes;
import dev.rollbackshell.diagnose.Diagnosis;
import dev.rollbackshell.plan.TriggerIds;
import dev.rollbackshell.project.Printable;
import dev.rollbackshell.shell.Console;
import java.util.List;
import org.jline.utils.AttributedStyle;

/** {@code diagnose} as text: triggers with evidence, changes, files named in the failures, scenarios, what next. */
public final class DiagnosisRenderer {

    private static final int MAX_CHANGES = 20;

    private DiagnosisRenderer() {
    }

    public static String render(Diagnosis d, Console c) {
        StringBuilder b = new StringBuilder();
        b.append("Diagnosis against backup ").append(d.backup()).append(" (baseline: ").append(baselineWords(d.baseline()))
                .append("), plan: ").append(d.plan()).append('\n');
        for (String n : d.baselineNotes()) {
            b.append("note: ").append(Printable.name(n)).append('\n');
        }
        if (d.cached()) {
            b.append(VerificationRenderer.cached(d.checkedAt(), d.triggers().stream().anyMatch(t ->
                    t.id().equals(TriggerIds.PERFORMANCE_REGRESSED) && !t.evidence().get(0).startsWith("not configured"))))
                    .append('\n');
        }
        b.append('\n').append(c.bold("TRIGGERS")).append('\n');
        for (Diagnosis.Trigger t : d.triggers()) {
            String mark = t.fired() ? c.paint("FIRED", AttributedStyle.RED) : notChecked(t) ? "  -  " : c.paint("  ok ", AttributedStyle.GREEN);
            b.append("  ").append(mark).append("  ").append(Text.pad(t.id(), 22));
            if (t.fired()) {
                b.append(TriggerIds.describe(t.id())).append('\n');
                for (String e : t.evidence()) {
                    b.append("         - ").append(Printable.name(e)).append('\n');
                }
            } else {
                b.append(t.evidence().isEmpty() ? "" : Printable.name(t.evidence().get(0))).append('\n');
            }
        }
        Changes ch = d.changed();
        b.append('\n').append(c.bold("CHANGED SINCE THE BACKUP")).append("  ").append(ch.added().size()).append(" added, ")
                .append(ch.modified().size()).append(" modified, ").append(ch.deleted().size()).append(" deleted\n");
        int shown = 0;
        for (var part : List.of(List.of("A", ch.added()), List.of("M", ch.modified()), List.of("D", ch.deleted()))) {
            @SuppressWarnings("unchecked")
            List<String> paths = (List<String>) part.get(1);
            for (String p : paths) {
                if (shown++ < MAX_CHANGES) {
                    b.append("  ").append(part.get(0)).append(' ').append(Printable.name(p)).append('\n');
                }
            }
        }
        if (shown > MAX_CHANGES) {
            b.append("  ... and ").append(shown - MAX_CHANGES).append(" more ('status --json' lists them all)\n");
        }
        if (!d.implicated().isEmpty() || !d.related().isEmpty()) {
            b.append('\n').append(c.bold("NAMED IN THE FAILURES")).append('\n');
            int w = d.implicated().stream().map(Printable::name).mapToInt(String::length).max().orElse(0) + 2;
            for (String p : d.implicated()) {
                String how = d.implicatedBy() == null ? "" : d.implicatedBy().getOrDefault(p, "");
                b.append("  ").append(Text.pad(Printable.name(p), w)).append(Printable.name(how)).append('\n');
            }
            for (String p : d.related()) {
                b.append("  ").append(Text.pad(Printable.name(p), w)).append("changed, imported by a failing test\n");
            }
        }
        if (!d.scenarios().isEmpty()) {
            b.append('\n').append(c.bold("MATCHING SCENARIOS")).append(" (best first)\n");
            for (Diagnosis.ScenarioMatch m : d.scenarios()) {
                b.append("  ").append(Text.pad(m.id(), 8)).append(m.title()).append('\n').append("          ").append(Printable.name(m.why())).append('\n');
            }
        }
        b.append('\n');
        if (!d.baselineUnhealthy().isEmpty()) {
            b.append(c.paint("UNHEALTHY BASELINE", AttributedStyle.RED)).append(": backup ").append(d.backup())
                    .append(" was taken while the project was already broken (").append(String.join("; ", d.baselineUnhealthy()))
                    .append("), so diagnose cannot tell regressions; ").append(d.fired().size()).append(" of ")
                    .append(d.triggers().size()).append(" triggers fired counting every failure. Try 'diagnose --find-good'");
        } else if (d.healthy()) {
            b.append(c.paint("HEALTHY", AttributedStyle.GREEN)).append(": no rollback trigger fired");
        } else {
            b.append(c.paint("UNHEALTHY", AttributedStyle.RED)).append(": ").append(d.fired().size()).append(" of ")
                    .append(d.triggers().size()).append(" triggers fired. Next: 'suggest' for ranked rollback actions");
        }
        if (d.timing() != null) {
            b.append(" (").append(Text.seconds(d.timing().totalMillis())).append(", ").append(Text.seconds(d.timing().checksMillis()))
                    .append(" of it in the checks)");
        }
        return b.append('\n').toString();
    }

    private static boolean notChecked(Diagnosis.Trigger t) {
        return !t.evidence().isEmpty() && (t.evidence().get(0).startsWith("not configured") || t.evidence().get(0).startsWith("not checked"));
    }

    private static String baselineWords(String source) {
        return switch (source == null ? "" : source) {
            case "backup" -> "recorded with the backup";
            case "computed" -> "computed from the backup's copies";
            default -> "none";
        };
    }
}
