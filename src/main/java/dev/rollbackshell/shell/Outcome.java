package dev.rollbackshell.shell;

import org.springframework.stereotype.Component;

/**
 * The status of the command that ran last, as the exit-code mapper and the result handler
 * record it, and the status the process exits with.
 */
@Component
public class Outcome {

    private int last;
    private String lastError;
    private int finalStatus;
    private String command;

    public void reset() {
        last = 0;
        lastError = null;
    }

    /** A command starts: its name ("restore suggestion"), for messages about it such as Ctrl-C's. */
    public void starting(String commandName) {
        reset();
        command = commandName;
    }

    /** The name of the command running or run last, or null. */
    public String command() {
        return command;
    }

    public void record(int status, String error) {
        last = Math.max(last, status);
        if (error != null) {
            lastError = error;
        }
    }

    public int last() {
        return last;
    }

    public String lastError() {
        return lastError;
    }

    public void finish(int status) {
        finalStatus = status;
    }

    public int finalStatus() {
        return finalStatus;
    }
}
