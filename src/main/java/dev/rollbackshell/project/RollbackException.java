package dev.rollbackshell.project;

/**
 * The one exception type the core throws for anything a user must hear about. It carries
 * the exit status of the contract (docs/architecture.md, "Exit codes"): {@link #BAD_INPUT} for bad input or a
 * refusal (nothing was changed), {@link #PROBLEM} for "it ran and found a problem".
 * The message is one line that says what is wrong and what to do.
 */
public class RollbackException extends RuntimeException {

    public static final int PROBLEM = 1;
    public static final int BAD_INPUT = 2;

    private final int exitStatus;

    public RollbackException(int exitStatus, String message) {
        super(message);
        this.exitStatus = exitStatus;
    }

    public RollbackException(int exitStatus, String message, Throwable cause) {
        super(message, cause);
        this.exitStatus = exitStatus;
    }

    /** Bad input or refused: exit 2, nothing changed. */
    public static RollbackException badInput(String message) {
        return new RollbackException(BAD_INPUT, message);
    }

    /** It ran and found a problem: exit 1. */
    public static RollbackException problem(String message) {
        return new RollbackException(PROBLEM, message);
    }

    public static RollbackException problem(String message, Throwable cause) {
        return new RollbackException(PROBLEM, message, cause);
    }

    public int exitStatus() {
        return exitStatus;
    }
}
