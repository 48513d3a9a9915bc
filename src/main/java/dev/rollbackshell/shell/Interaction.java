package dev.rollbackshell.shell;

import dev.rollbackshell.project.RollbackException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Whether a person is at the keyboard: in the REPL yes; in one-shot commands, scripts and
 * standard input no. Destructive commands ask in the first case and need {@code --yes}
 * in the others (README, "Commands").
 */
@Component
public class Interaction {

    private final ObjectProvider<LineReader> lineReader;
    private boolean interactive;
    private int scriptDepth;

    public Interaction(ObjectProvider<LineReader> lineReader) {
        this.lineReader = lineReader;
    }

    void startRepl() {
        interactive = true;
    }

    void enterScript() {
        scriptDepth++;
    }

    void leaveScript() {
        scriptDepth--;
    }

    /** A person can answer a question now. */
    public boolean canAsk() {
        return interactive && scriptDepth == 0;
    }

    /**
     * Goes on when {@code yes} was given or a person says yes; refuses (exit 2, nothing
     * changed) otherwise.
     */
    public void confirm(String question, boolean yes, String command) {
        if (yes) {
            return;
        }
        if (!canAsk()) {
            throw RollbackException.badInput(question.replaceAll("\\?$", "") + ": refused without confirmation; run '"
                    + command + " --yes' to go ahead");
        }
        String answer;
        try {
            answer = lineReader.getObject().readLine(question + " [y/N] ");
        } catch (UserInterruptException | EndOfFileException e) {
            answer = null; // Ctrl-C or Ctrl-D at the question: no
        }
        if (answer == null || !(answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"))) {
            throw RollbackException.badInput("not confirmed; nothing was changed");
        }
    }
}
