package dev.rollbackshell.shell;

import dev.rollbackshell.shell.commands.BackupCommands;
import dev.rollbackshell.shell.commands.PlanCommands;
import dev.rollbackshell.shell.commands.StatusCommands;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The start of a one-shot command that needs no Spring context: the few read-only command
 * lines a person types to see where things stand ({@code status}, {@code backup list},
 * {@code plan show}, {@code plan scenarios}, each with or without {@code --json}) run here,
 * straight from {@code main}, on the same command methods, result printer and error mapper
 * as in the shell. Building the context (Spring, Spring Shell's command catalog) is most of
 * a one-shot command's start-up (docs/performance.md, "Start-up").
 *
 * <p>Only a line that is exactly one of {@link #LINES} is served: no parsing happens here,
 * so there is no second parser to drift from Spring Shell's. Every other line, any option
 * more, {@code --debug}, the REPL and scripts start the shell as before. The golden tests
 * run each line both ways and require the same output (docs/architecture.md, "Start-up").
 */
public final class DirectStart {

    /** What a line served here runs: one of the shell's own command methods. */
    private static final Map<List<String>, Function<Commands, Reply>> LINES = Map.of(
            List.of("status"), c -> c.status().status(false),
            List.of("status", "--json"), c -> c.status().status(true),
            List.of("backup", "list"), c -> BackupCommands.listHere(c.ws(), c.console(), false),
            List.of("backup", "list", "--json"), c -> BackupCommands.listHere(c.ws(), c.console(), true),
            List.of("plan", "show"), c -> c.plan().show(false),
            List.of("plan", "show", "--json"), c -> c.plan().show(true),
            List.of("plan", "scenarios"), c -> c.plan().scenarios(false),
            List.of("plan", "scenarios", "--json"), c -> c.plan().scenarios(true));

    private static final String SLF4J_PROVIDER = "slf4j.provider";

    /** JLine's logger, held: java.util.logging forgets the level of a logger nobody holds. */
    private static final Logger JLINE_LOG = Logger.getLogger("org.jline");

    private DirectStart() {
    }

    /** Whether this process's command is served here: exactly one of the lines, and no {@code --debug}. */
    public static boolean serves(GlobalOptions options) {
        return !options.debug() && LINES.containsKey(options.command());
    }

    /** Whether these command words are one of the lines served here. */
    public static boolean serves(List<String> words) {
        return LINES.containsKey(words);
    }

    /**
     * Runs the command on a terminal of its own, as Spring Shell would build it, and returns the
     * exit status; {@code -1} when the terminal cannot be opened (the caller starts the shell instead).
     */
    public static int run(GlobalOptions options) {
        // no library logs, as in the shell, where Spring Boot's logging system turns them off: here none is set up,
        // and logback unconfigured would print every debug line on stdout
        if (System.getProperty(SLF4J_PROVIDER) == null) {
            System.setProperty(SLF4J_PROVIDER, "org.slf4j.helpers.NOP_FallbackServiceProvider");
            System.setProperty("slf4j.internal.verbosity", "WARN"); // not "Attempting to load provider ..." on stderr
        }
        JLINE_LOG.setLevel(Level.OFF);
        if (System.console() == null) {
            JLineSetup.noTerminal();
        }
        Terminal terminal;
        try {
            terminal = TerminalBuilder.builder().systemOutput(TerminalBuilder.SystemOutput.SysOut).build();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        try {
            Console console = new Console(terminal);
            if (LineRunner.TIMING) {
                console.info(LineRunner.startupLine("no Spring context: started directly"));
            }
            long started = System.nanoTime();
            int status = run(options.command(), new Workspace(options, console), console, new Outcome());
            if (LineRunner.TIMING) {
                console.info(LineRunner.commandTime(options.command(), System.nanoTime() - started));
            }
            return status;
        } finally {
            try {
                terminal.close();
            } catch (IOException e) {
                // the command has run and printed; nothing is left to tell
            }
        }
    }

    /**
     * The training run of the launcher's cache for the direct start (scripts/rollback-shell):
     * every line served here, once each, on the same project. A cache of its own, because the
     * JVM loads all of a cache's classes as it starts: the shell's cache, three times the
     * size, costs this start a tenth of a second (docs/performance.md, "Start-up").
     */
    public static void train(GlobalOptions options) {
        for (List<String> line : LINES.keySet()) {
            run(new GlobalOptions(options.project(), false, false, line));
        }
    }

    /**
     * Runs one of {@link #LINES} on the given console and workspace: its reply printed by the
     * shell's {@link ReplyHandler}, a failure told by {@link ErrorResolver}; returns the status.
     */
    public static int run(List<String> words, Workspace workspace, Console console, Outcome outcome) {
        Function<Commands, Reply> line = LINES.get(words);
        if (line == null) {
            throw new IllegalArgumentException("not a line served directly: " + words);
        }
        outcome.starting(String.join(" ", words.stream().filter(w -> !w.startsWith("-")).toList()));
        try {
            new ReplyHandler(console, outcome).handleResult(line.apply(new Commands(workspace, console)));
        } catch (RuntimeException e) {
            ErrorResolver.tell(e, ErrorResolver.statusOf(e), ErrorResolver.messageOf(e, null), console, outcome, false);
        }
        return outcome.last();
    }

    /** The command objects the lines call, made only when used. */
    private record Commands(Workspace ws, Console console) {
        StatusCommands status() {
            return new StatusCommands(ws);
        }

        PlanCommands plan() {
            return new PlanCommands(ws, console);
        }
    }
}
