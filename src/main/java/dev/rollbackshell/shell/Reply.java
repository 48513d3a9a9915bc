package dev.rollbackshell.shell;

/**
 * What a command returns: the text for stdout (a rendered table, or one JSON document
 * with {@code --json}) and its exit status (0 done/healthy, 1 a problem was found).
 * Text is fitted to the terminal when printed ({@code Console.fit}); a JSON document
 * (text starting with a brace or a bracket) and text made {@link #raw} are printed as they are.
 */
public record Reply(String text, int status, boolean raw) {

    public Reply(String text, int status) {
        this(text, status, false);
    }

    public static Reply ok(String text) {
        return new Reply(text, 0);
    }

    public static Reply of(String text, boolean problem) {
        return new Reply(text, problem ? 1 : 0);
    }

    /** Printed exactly as it is: Markdown, a diff, a file's lines. */
    public static Reply raw(String text, int status) {
        return new Reply(text, status, true);
    }

    /** Whether the text is fitted to the terminal when printed. */
    public boolean fit() {
        if (raw || text == null) {
            return false;
        }
        String t = text.stripLeading();
        return !(t.startsWith("{") || t.startsWith("["));
    }
}
