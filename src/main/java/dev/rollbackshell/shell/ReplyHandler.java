package dev.rollbackshell.shell;

import org.springframework.shell.ResultHandler;
import org.springframework.stereotype.Component;

/** Prints a command's {@link Reply} on stdout (fitted to the terminal unless it is raw) and records its status. */
@Component
public class ReplyHandler implements ResultHandler<Reply> {

    private final Console console;
    private final Outcome outcome;

    public ReplyHandler(Console console, Outcome outcome) {
        this.console = console;
        this.outcome = outcome;
    }

    @Override
    public void handleResult(Reply reply) {
        if (reply.text() != null && !reply.text().isEmpty()) {
            String text = reply.fit() ? console.fit(reply.text()) : reply.text();
            console.out().print(text.endsWith("\n") ? text : text + "\n");
            console.out().flush();
        }
        outcome.record(reply.status(), null);
    }
}
