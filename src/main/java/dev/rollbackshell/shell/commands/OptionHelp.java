package dev.rollbackshell.shell.commands;

/**
 * The help text of the options several commands share, written once so that {@code help}
 * describes each the same way everywhere (docs/architecture.md, "User-facing wording").
 */
final class OptionHelp {

    /** {@code --json}: the result's record, serialised (README, "JSON"). */
    static final String JSON = "print one JSON document";

    /** {@code --dry-run} of a command that writes into the project (the restores). */
    static final String DRY_RUN = "say what would be written, removed and left; change nothing";

    /** {@code --dry-run} of a command that only removes (clean, prunes). */
    static final String DRY_RUN_REMOVE = "only say what would be removed; change nothing";

    /** {@code --yes}: the confirmation a destructive command asks for in the REPL. */
    static final String YES = "go ahead without asking (needed outside the interactive shell)";

    private OptionHelp() {
    }
}
