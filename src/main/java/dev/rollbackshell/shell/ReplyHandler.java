package dev.rollbackshell.shell;

import org.springframework.shell.ResultHandler;
import org.springframework.stereotype.Component;

/** Prints a command's {@link Reply} on stdout and records its status. */
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
            console.out().print(reply.text().endsWith("\n") ? reply.text() : reply.text() + "\n");
            console.out().flush();
        }
        outcome.record(reply.status(), null);
    }
}
