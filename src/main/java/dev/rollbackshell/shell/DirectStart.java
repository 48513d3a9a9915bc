package dev.rollbackshell.shell;

import dev.rollbackshell.project.RollbackException;
import dev.rollbackshell.shell.commands.BackupCommands;
import dev.rollbackshell.shell.commands.PlanCommands;
import dev.rollbackshell.shell.commands.StatusCommands;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
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
 * Two things differ, by hand: library logging is switched off here as Spring Boot switches
 * it off there, and Ctrl-C simply ends the process (these commands only read).
 */
public final class DirectStart {

    private static final String SLF4J_PROVIDER = "slf4j.provider";

    /** One line served here: the command's name (for messages about it) and what it runs. */
    private record Line(String command, BiFunction<Commands, Boolean, Reply> run, boolean json) {
    }

    /** The lines served here, in order: each command with and without {@code --json}. */
    private static final Map<List<String>, Line> LINES = new LinkedHashMap<>();

    static {
        withAndWithoutJson("status", (c, json) -> c.status().status(json));
        withAndWithoutJson("backup list", (c, json) -> BackupCommands.listHere(c.ws(), c.console(), json));
        withAndWithoutJson("plan show", (c, json) -> c.plan().show(json));
        withAndWithoutJson("plan scenarios", (c, json) -> c.plan().scenarios(json));
    }

    private static void withAndWithoutJson(String command, BiFunction<Commands, Boolean, Reply> run) {
        List<String> words = List.of(command.split(" "));
        LINES.put(words, new Line(command, run, false));
        LINES.put(Stream.concat(words.stream(), Stream.of("--json")).toList(), new Line(command, run, true));
    }

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
     * Runs the command on a terminal of its own, built as Spring Shell builds it, and returns
     * the exit status.
     */
    public static int run(GlobalOptions options) {
        // no library logs, as in the shell, where Spring Boot's logging system turns them off: here none is set
        // up, and logback unconfigured prints INFO and above on stdout (JGit's errors about a lock file, say)
        if (System.getProperty(SLF4J_PROVIDER) == null) {
            System.setProperty(SLF4J_PROVIDER, "org.slf4j.helpers.NOP_FallbackServiceProvider");
            System.setProperty("slf4j.internal.verbosity", "WARN"); // not "Attempting to load provider ..." on stderr
        }
        JLineSetup.beforeTerminal(false);
        Terminal terminal;
        try {
            terminal = TerminalBuilder.builder().systemOutput(TerminalBuilder.SystemOutput.SysOut).build();
        } catch (IOException | RuntimeException e) {
            // as the shell says it when Spring Shell cannot build its terminal
            System.err.println("rollback-shell: could not start: " + e.getMessage());
            return RollbackException.PROBLEM;
        }
        try {
            Console console = new Console(terminal);
            if (LineRunner.TIMING) {
                console.info(LineRunner.startupLine("no Spring context: started directly"));
            }
            long started = System.nanoTime();
            Outcome outcome = new Outcome();
            int status;
            try {
                status = run(options.command(), new Workspace(options, console), console, outcome);
            } catch (RuntimeException e) { // the project could not be opened
                status = ErrorResolver.tell(e, null, console, outcome, false);
            }
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
     * JVM loads all of a cache's classes as it starts: the shell's cache, with more than twice
     * the classes, costs this start a tenth of a second (docs/performance.md, "Start-up").
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
        Line line = LINES.get(words);
        if (line == null) {
            throw new IllegalArgumentException("not a line served directly: " + words);
        }
        outcome.starting(line.command());
        try {
            new ReplyHandler(console, outcome).handleResult(line.run().apply(new Commands(workspace, console), line.json()));
        } catch (RuntimeException e) {
            ErrorResolver.tell(e, null, console, outcome, false);
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
