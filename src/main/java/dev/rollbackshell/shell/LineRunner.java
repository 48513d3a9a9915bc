package dev.rollbackshell.shell;

import dev.rollbackshell.project.Interruption;
import dev.rollbackshell.project.RollbackException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;
import org.springframework.aot.AotDetector;
import org.springframework.shell.Input;
import org.springframework.shell.Shell;
import org.springframework.shell.command.CommandCatalog;
import org.springframework.stereotype.Component;

/**
 * Runs command lines the way the REPL does (same parser, same quoting, same commands) and
 * tells their status: for one-shot commands, scripts ({@code script run}) and standard
 * input. Blank lines and {@code #} comments are skipped; each command is echoed on stderr
 * before it runs; the first failure stops the run unless told to continue.
 */
@Component
public class LineRunner {

    private static final Set<String> EXIT_WORDS = Set.of("exit", "quit");

    private final Shell shell;
    private final CommandCatalog catalog;
    private final Outcome outcome;
    private final Console console;
    private final Interaction interaction;
    /** ROLLBACK_SHELL_TIMING=1: print each command's in-process time on stderr (for scripts/bench). */
    static final boolean TIMING = "1".equals(System.getenv("ROLLBACK_SHELL_TIMING"));
    private boolean startupTold;

    public LineRunner(Shell shell, CommandCatalog catalog, Outcome outcome, Console console, Interaction interaction) {
        this.shell = shell;
        this.catalog = catalog;
        this.outcome = outcome;
        this.console = console;
        this.interaction = interaction;
    }

    /** Result of a run of lines: the worst status, and how many commands ran and failed. */
    public record Run(int status, int ran, int failed, boolean exited) {
    }

    /** Runs already-split words as one command (the one-shot command line). */
    public int runWords(List<String> words) {
        startupTiming();
        return execute(words);
    }

    /** Runs script lines; {@code source} names them in messages ("script.rsh", "stdin"). */
    public Run runLines(List<String> lines, String source, boolean continueOnError) {
        startupTiming();
        DefaultParser parser = new DefaultParser();
        int worst = 0;
        int ran = 0;
        int failed = 0;
        interaction.enterScript();
        try {
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                List<String> words;
                try {
                    ParsedLine parsed = parser.parse(line, line.length() + 1);
                    words = new ArrayList<>(parsed.words().stream().filter(w -> !w.isEmpty()).toList());
                } catch (RuntimeException e) {
                    console.error(source + ":" + (i + 1) + ": cannot parse '" + line + "' (an unclosed quote?)");
                    return new Run(RollbackException.BAD_INPUT, ran, failed + 1, false);
                }
                console.info(console.paint("» " + line, org.jline.utils.AttributedStyle.CYAN));
                if (EXIT_WORDS.contains(words.get(0)) && words.size() == 1) {
                    return new Run(worst, ran, failed, true);
                }
                int status = execute(words);
                ran++;
                if (status != 0) {
                    failed++;
                    worst = Math.max(worst, status);
                    if (!continueOnError || status == Interruption.STATUS) {
                        console.info(source + ":" + (i + 1) + ": stopped here (status " + status + ")");
                        return new Run(status, ran, failed, false);
                    }
                }
            }
            return new Run(worst, ran, failed, false);
        } finally {
            interaction.leaveScript();
        }
    }

    private int execute(List<String> words) {
        outcome.reset();
        if (words.isEmpty()) {
            return 0;
        }
        String unknown = CommandLineShell.unknownCommand(catalog, words);
        if (unknown != null) {
            console.error(unknown);
            outcome.record(RollbackException.BAD_INPUT, unknown);
            return outcome.last();
        }
        long started = System.nanoTime();
        try {
            shell.run(new SingleInput(words));
        } catch (Exception e) {
            // outside the REPL Spring Shell rethrows a failure after the resolver handled it;
            // the status is already recorded in the outcome
            if (outcome.last() == 0) {
                ErrorResolver.tell(e, CommandWords.registration(catalog.getRegistrations(), outcome.command()), console,
                        outcome, false);
            }
        }
        if (TIMING) {
            console.info(commandTime(words, System.nanoTime() - started));
        }
        return outcome.last();
    }

    /**
     * With ROLLBACK_SHELL_TIMING=1, where the start-up went, once: the JVM until {@code main},
     * then Spring, Spring Shell and JLine until the first command, from which context (for
     * scripts/bench).
     */
    private void startupTiming() {
        if (!TIMING || startupTold) {
            return;
        }
        startupTold = true;
        console.info(startupLine((AotDetector.useGeneratedArtifacts() ? "generated ahead of time" : "reflective") + " context"));
    }

    /** "start-up: N ms since the process started, M ms of it from main to the first command (HOW); C ms of CPU". */
    static String startupLine(String how) {
        long now = System.nanoTime();
        long sinceMain = (now - GlobalOptions.MAIN_NANOS) / 1_000_000;
        long sinceStart = ProcessHandle.current().info().startInstant()
                .map(t -> java.time.Duration.between(t, java.time.Instant.now()).toMillis()).orElse(-1L);
        long cpu = ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L);
        return String.format("start-up: %d ms since the process started, %d ms of it from main to the first command"
                + " (%s); %d ms of CPU", sinceStart, sinceMain, how, cpu);
    }

    /** "timing: backup list took 12.3 ms": a command's own time, for scripts/bench. */
    static String commandTime(List<String> words, long nanos) {
        return String.format("timing: %s took %.1f ms", words.get(0) + (words.size() > 1 ? " " + words.get(1) : ""), nanos / 1e6);
    }

    /** One already-parsed command, then the end of input. */
    private static final class SingleInput implements org.springframework.shell.InputProvider {
        private final List<String> words;
        private boolean given;

        SingleInput(List<String> words) {
            this.words = words;
        }

        @Override
        public Input readInput() {
            if (given) {
                return null;
            }
            given = true;
            return input(words);
        }
    }

    /** An already-parsed command line as Spring Shell's {@link Input}: the words as they are, no re-splitting. */
    static Input input(List<String> words) {
        return new Input() {
            @Override
            public String rawText() {
                return String.join(" ", words);
            }

            @Override
            public List<String> words() {
                return words;
            }
        };
    }
}
