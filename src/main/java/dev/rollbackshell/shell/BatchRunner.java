package dev.rollbackshell.shell;

import dev.rollbackshell.project.Interruption;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.shell.Input;
import org.springframework.shell.Shell;
import org.springframework.shell.ShellRunner;
import org.springframework.shell.context.InteractionMode;
import org.springframework.shell.context.ShellContext;
import org.springframework.shell.jline.NonInteractiveShellRunner;
import org.springframework.shell.jline.PromptProvider;
import org.springframework.stereotype.Component;

/**
 * Decides how this process runs: a command on the command line runs once; no command and
 * standard input not a terminal runs the lines read like a script; otherwise the REPL.
 * Records the exit status.
 *
 * <p>Commands run on a {@link CommandThread}, so Ctrl-C (Spring Shell interrupts the
 * thread running the command) is held back while a journal entry is applied, see
 * {@link Interruption}. In the REPL, Ctrl-C at the prompt drops the line being typed and
 * gives a fresh prompt, as shells do; Ctrl-D or {@code exit} leaves.
 */
@Component
@ConditionalOnProperty(name = "spring.shell.interactive.enabled", havingValue = "true")
@Order(NonInteractiveShellRunner.PRECEDENCE - 10)
public class BatchRunner implements ShellRunner {

    static final String LEAVE_HINT = "(Ctrl-C stops a command; Ctrl-D or 'exit' leaves the shell)";

    private final GlobalOptions options;
    private final LineRunner lines;
    private final Outcome outcome;
    private final ShellContext context;
    private final Interaction interaction;
    private final Shell shell;
    private final ObjectProvider<LineReader> reader;
    private final ObjectProvider<PromptProvider> prompt;
    private final Console console;
    private final AtomicBoolean hinted = new AtomicBoolean();

    public BatchRunner(GlobalOptions options, LineRunner lines, Outcome outcome, ShellContext context,
            Interaction interaction, Shell shell, ObjectProvider<LineReader> reader, ObjectProvider<PromptProvider> prompt,
            Console console) {
        this.options = options;
        this.lines = lines;
        this.outcome = outcome;
        this.context = context;
        this.interaction = interaction;
        this.shell = shell;
        this.reader = reader;
        this.prompt = prompt;
        this.console = console;
    }

    @Override
    public boolean run(String[] ignored) throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread t = new CommandThread(() -> {
            try {
                runHere();
            } catch (Exception e) {
                failure.set(e);
            }
        });
        t.start();
        t.join();
        if (failure.get() != null) {
            throw failure.get();
        }
        return true;
    }

    private void runHere() throws Exception {
        if (!options.command().isEmpty()) {
            context.setInteractionMode(InteractionMode.NONINTERACTIVE);
            outcome.finish(lines.runWords(options.command()));
            return;
        }
        if (!stdinIsTerminal()) {
            context.setInteractionMode(InteractionMode.NONINTERACTIVE);
            outcome.finish(lines.runLines(readStdin(), "stdin", false).status());
            return;
        }
        context.setInteractionMode(InteractionMode.INTERACTIVE);
        interaction.startRepl();
        shell.run(this::readLine);
        outcome.finish(0);
    }

    /** The next line typed at the prompt; null at Ctrl-D. */
    private Input readLine() {
        LineReader r = reader.getObject();
        while (true) {
            Thread.interrupted(); // a Ctrl-C that came as a command ended is spent
            try {
                r.readLine(prompt.getObject().getPrompt().toAnsi(r.getTerminal()));
                List<String> words = r.getParsedLine().words();
                return LineRunner.input(words);
            } catch (UserInterruptException e) {
                if (e.getPartialLine().isBlank() && !hinted.getAndSet(true)) {
                    console.info(LEAVE_HINT);
                }
            } catch (EndOfFileException e) {
                return null;
            }
        }
    }

    /**
     * The thread commands run on. An interrupt (Ctrl-C) that arrives while the command is in
     * {@link Interruption#atomically} is held back until that step is complete.
     */
    static final class CommandThread extends Thread {
        CommandThread(Runnable body) {
            super(body, "rollback-shell");
        }

        @Override
        public void interrupt() {
            if (!Interruption.holdBack(this)) {
                super.interrupt();
            }
        }
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
