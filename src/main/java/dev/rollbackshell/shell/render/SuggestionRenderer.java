package dev.rollbackshell.shell.render;

import dev.rollbackshell.diagnose.Proof;
import dev.rollbackshell.diagnose.Suggestion;
import dev.rollbackshell.diagnose.Suggestions;
import dev.rollbackshell.project.Printable;
import dev.rollbackshell.scratch.Prover;
import dev.rollbackshell.shell.Console;
import org.jline.utils.AttributedStyle;

/** {@code suggest} as text: each action with what it restores, from where, why and what it overwrites. */
public final class SuggestionRenderer {

    private SuggestionRenderer() {
    }

    public static String render(Suggestions s, Console c) {
        StringBuilder b = new StringBuilder();
        if (s.suggestions().isEmpty()) {
            return "Nothing to suggest: " + (s.note() == null ? "no rollback action applies" : s.note()) + "\n";
        }
        boolean proven = s.proving() != null && s.proving().proven() > 0;
        b.append("Rollback actions for backup ").append(s.backup())
                .append(proven ? ", proven in scratch copies, the least invasive healer first" : ", least invasive first")
                .append(" (apply one with 'restore suggestion N')\n");
        for (Suggestion x : s.suggestions()) {
            b.append('\n').append(c.bold(String.format("%2d. %s", x.rank(), headline(x)))).append('\n');
            b.append("    restores:   ").append(Text.list(x.paths(), 8)).append('\n');
            b.append("    from:       ").append(x.from()).append('\n');
            b.append("    why:        ").append(Printable.name(x.reason())).append('\n');
            b.append("    overwrites: ").append(x.overwrites().isEmpty() ? "nothing (only missing files are written)"
                    : x.overwrites().size() + ": " + Text.list(x.overwrites(), 8)).append('\n');
            String proof = Printable.name(x.proof().text());
            b.append("    proof:      ").append(x.proof().heals() ? c.paint(proof, AttributedStyle.GREEN)
                    : x.proof().status() == Proof.Status.FAILS ? c.paint(proof, AttributedStyle.RED) : proof).append('\n');
            if (x.notes() != null) {
                for (String n : x.notes()) {
                    b.append("    note:       ").append(Printable.name(n)).append('\n');
                }
            }
        }
        if (s.knownGood() != null) {
            Suggestions.KnownGood kg = s.knownGood();
            b.append('\n').append("Last known good state: ").append(kg.found() ? kg.label() : "none found")
                    .append(String.format(java.util.Locale.ROOT, " (%d states tried, %.1fs)", kg.tried(), kg.seconds())).append('\n');
        }
        if (s.escalate() != null) {
            b.append('\n').append(c.paint("NO ROLLBACK HEALS THE PROJECT.", AttributedStyle.RED)).append(' ').append("Tried:\n");
            for (String t : s.escalate().tried()) {
                b.append("  - ").append(Printable.name(t)).append('\n');
            }
            b.append("Escalate (the runbook's 'When to escalate': complete system failure after rollback attempts);"
                    + " 'report --out FILE' writes the evidence\n");
        }
        return b.toString();
    }

    private static String headline(Suggestion x) {
        return switch (x.kind()) {
            case FILES -> "restore " + x.paths().size() + " file" + (x.paths().size() == 1 ? "" : "s") + " the failures point at";
            case DELETED -> "bring back " + x.paths().size() + " deleted file" + (x.paths().size() == 1 ? "" : "s")
                    + " the failures name";
            case SCENARIO -> "runbook scenario " + x.scenario();
            case FOLDER -> "restore the folder " + Printable.name(x.paths().get(0)) + "/";
            case BACKUP -> "restore everything from the backup (nuclear option)";
            case KNOWN_GOOD -> "restore everything from " + x.from() + ", the last known good state";
            case COMBINED -> "restore " + x.paths().size() + " files the failures of every trigger point at";
            default -> "restore everything from the safety branch";
        };
    }
}
