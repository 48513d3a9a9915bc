package dev.rollbackshell.shell;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.shell.ShellRunner;
import org.springframework.shell.context.InteractionMode;
import org.springframework.shell.context.ShellContext;
import org.springframework.shell.jline.NonInteractiveShellRunner;
import org.springframework.stereotype.Component;

/**
 * Decides how this process runs: a command on the command line runs once; no command and
 * standard input not a terminal runs the lines read like a script; otherwise the REPL
 * (Spring Shell's interactive runner) takes over. Records the exit status.
 */
@Component
@ConditionalOnProperty(name = "spring.shell.interactive.enabled", havingValue = "true")
@Order(NonInteractiveShellRunner.PRECEDENCE - 10)
public class BatchRunner implements ShellRunner {

    private final GlobalOptions options;
    private final LineRunner lines;
    private final Outcome outcome;
    private final ShellContext context;
    private final Interaction interaction;

    public BatchRunner(GlobalOptions options, LineRunner lines, Outcome outcome, ShellContext context,
            Interaction interaction) {
        this.options = options;
        this.lines = lines;
        this.outcome = outcome;
        this.context = context;
        this.interaction = interaction;
    }

    @Override
    public boolean run(String[] ignored) {
        if (!options.command().isEmpty()) {
            context.setInteractionMode(InteractionMode.NONINTERACTIVE);
            outcome.finish(lines.runWords(options.command()));
            return true;
        }
        if (!stdinIsTerminal()) {
            context.setInteractionMode(InteractionMode.NONINTERACTIVE);
            outcome.finish(lines.runLines(readStdin(), "stdin", false).status());
            return true;
        }
        interaction.startRepl();
        return false;
    }

    private static boolean stdinIsTerminal() {
        String hint = System.getenv("ROLLBACK_SHELL_STDIN_TTY"); // set by scripts/rollback-shell
        if (hint != null) {
            return hint.equals("1");
        }
        return System.console() != null;
    }

    private static List<String> readStdin() {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        return in.lines().toList();
    }
}
