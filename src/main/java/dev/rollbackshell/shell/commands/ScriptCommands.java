package dev.rollbackshell.shell.commands;

import dev.rollbackshell.project.RollbackException;
import dev.rollbackshell.shell.LineRunner;
import dev.rollbackshell.shell.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.command.CommandRegistration.OptionArity;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** {@code script run FILE [--continue-on-error]}: our own script runner, {@code #} comments allowed. */
@Command(command = "script", group = "Scripts")
public class ScriptCommands {

    private final ObjectProvider<LineRunner> lines;

    public ScriptCommands(ObjectProvider<LineRunner> lines) { // lazy: the runner needs the command catalog
        this.lines = lines;
    }

    @Command(command = "run", description = "Run commands from a file: echo each, stop at the first failure")
    public Reply run(
            @Option(longNames = "file", label = "FILE", arity = OptionArity.EXACTLY_ONE, required = true, description = "the script; blank lines and # comments are skipped") String file,
            @Option(longNames = "continue-on-error", description = "run every line; exit with the worst status") boolean continueOnError) {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw RollbackException.badInput("no script file " + file + "; give the path of a text file of commands");
        }
        try {
            var run = lines.getObject().runLines(Files.readAllLines(path, StandardCharsets.UTF_8), file, continueOnError);
            String summary = continueOnError && run.failed() > 0
                    ? file + ": " + run.ran() + " commands, " + run.failed() + " failed" : "";
            return new Reply(summary, run.status());
        } catch (IOException e) {
            throw RollbackException.badInput("cannot read script " + file + ": " + e.getMessage());
        }
    }
}
