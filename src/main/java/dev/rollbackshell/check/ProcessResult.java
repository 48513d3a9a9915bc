package dev.rollbackshell.check;

import java.util.List;

/**
 * What one external command did.
 *
 * @param exitCode  its exit status; -1 when it could not start or was killed at its time-out
 * @param output    stdout and stderr together, in order (the end kept when it was very long)
 * @param startError why it could not start (no such program...), or null
 */
public record ProcessResult(List<String> command, int exitCode, String output, long millis, boolean timedOut,
        String startError) {

    public boolean ok() {
        return exitCode == 0 && !timedOut && startError == null;
    }

    /** One line saying why it failed, for evidence and tables. */
    public String failureSummary() {
        if (startError != null) {
            return "could not start " + command.get(0) + ": " + startError;
        }
        if (timedOut) {
            return "timed out after " + (millis / 1000) + "s (the process tree was killed)";
        }
        List<String> meaningful = FailureText.meaningfulLines(output, 3);
        if (!meaningful.isEmpty()) {
            return String.join("; ", meaningful);
        }
        String last = FailureText.lastLine(output);
        return "exit status " + exitCode + (last.isEmpty() ? "" : ": " + last);
    }
}
