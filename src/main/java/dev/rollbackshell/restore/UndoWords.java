package dev.rollbackshell.restore;

/**
 * What the user is told about undoing a restore, written once: the questions before a
 * restore, the restore commands' descriptions and the messages after one use these
 * (docs/architecture.md, "User-facing wording"). Constants, so that command annotations
 * can use them too.
 */
public final class UndoWords {

    /** In the question before a restore: "Apply suggestion 1 (...), overwriting 2 files ('undo' can revert it)?". */
    public static final String CAN_REVERT = "'undo' can revert it";

    /** In a restore command's description and after a restore: "...; 'undo' reverts it". */
    public static final String REVERTS = "'undo' reverts it";

    /** What undoing an interrupted entry does: "'undo' puts back exactly what it had changed". */
    public static final String PUTS_BACK_INTERRUPTED = "puts back exactly what it had changed";

    private UndoWords() {
    }

    /** {@code action} as a question whose answer 'undo' can take back: "ACTION ('undo' can revert it)?". */
    public static String question(String action) {
        return action + " (" + CAN_REVERT + ")?";
    }
}
