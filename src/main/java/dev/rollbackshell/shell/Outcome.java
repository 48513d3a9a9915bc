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

    public void reset() {
        last = 0;
        lastError = null;
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
