package dev.rollbackshell.shell;

/**
 * What a command returns: the text for stdout (a rendered table, or one JSON document
 * with {@code --json}) and its exit status (0 done/healthy, 1 a problem was found).
 */
public record Reply(String text, int status) {

    public static Reply ok(String text) {
        return new Reply(text, 0);
    }

    public static Reply of(String text, boolean problem) {
        return new Reply(text, problem ? 1 : 0);
    }
}
