package dev.rollbackshell.shell.render;

import dev.rollbackshell.diagnose.Suggestion;
import dev.rollbackshell.diagnose.Suggestions;
import dev.rollbackshell.shell.Console;

/** {@code suggest} as text: each action with what it restores, from where, why and what it overwrites. */
public final class SuggestionRenderer {

    private SuggestionRenderer() {
    }

    public static String render(Suggestions s, Console c) {
        StringBuilder b = new StringBuilder();
        if (s.suggestions().isEmpty()) {
            return "Nothing to suggest: " + (s.note() == null ? "no rollback action applies" : s.note()) + "\n";
        }
        b.append("Rollback actions for backup ").append(s.backup()).append(", least invasive first")
                .append(" (apply one with 'restore suggestion N')\n");
        for (Suggestion x : s.suggestions()) {
            b.append('\n').append(c.bold(String.format("%2d. %s", x.rank(), headline(x)))).append('\n');
            b.append("    restores:   ").append(Text.list(x.paths(), 8)).append('\n');
            b.append("    from:       ").append(x.from()).append('\n');
            b.append("    why:        ").append(x.reason()).append('\n');
            b.append("    overwrites: ").append(x.overwrites().isEmpty() ? "nothing (only missing files are written)"
                    : x.overwrites().size() + ": " + Text.list(x.overwrites(), 8)).append('\n');
            if (x.notes() != null) {
                for (String n : x.notes()) {
                    b.append("    note:       ").append(n).append('\n');
                }
            }
        }
        return b.toString();
    }

    private static String headline(Suggestion x) {
        return switch (x.kind()) {
            case Suggestion.FILES -> "restore " + x.paths().size() + " file" + (x.paths().size() == 1 ? "" : "s") + " the failures point at";
            case Suggestion.SCENARIO -> "runbook scenario " + x.scenario();
            case Suggestion.FOLDER -> "restore the folder " + x.paths().get(0) + "/";
            case Suggestion.BACKUP -> "restore everything from the backup (nuclear option)";
            default -> "restore everything from the safety branch";
        };
    }
}
