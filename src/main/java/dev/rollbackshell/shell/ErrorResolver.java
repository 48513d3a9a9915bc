package dev.rollbackshell.shell;

import dev.rollbackshell.project.Interruption;
import dev.rollbackshell.project.RollbackException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.ConversionException;
import org.springframework.shell.command.CommandCatalog;
import org.springframework.shell.command.CommandExceptionResolver;
import org.springframework.shell.command.CommandExecution;
import org.springframework.shell.command.CommandHandlingResult;
import org.springframework.shell.command.CommandOption;
import org.springframework.shell.command.CommandRegistration;
import org.springframework.stereotype.Component;

/**
 * The one exit-code mapper: every exception a command throws becomes one line on stderr
 * and a status (2 bad input or refused, 1 a problem), recorded for the process exit.
 * Stack traces only with {@code --debug}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ErrorResolver implements CommandExceptionResolver {

    /** Spring Shell's "Illegal option value 'x', reason 'Failed to convert from type [java.lang.String] to type [java.lang.Double] ...'". */
    private static final Pattern CONVERSION = Pattern.compile("Illegal option value '(.*)', reason 'Failed to convert"
            + " from type \\[java\\.lang\\.String\\] to type \\[(?:java\\.lang\\.)?(\\w+)\\].*", Pattern.DOTALL);

    /** Spring Shell's "Missing mandatory option '--paths', DESCRIPTION". */
    private static final Pattern MISSING = Pattern.compile("Missing mandatory option '--([^']+)'(?:, (.*))?", Pattern.DOTALL);

    /** Spring Shell's "Not enough arguments for option 'from', requires at least '1'" and its "Too many ...". */
    private static final Pattern ARGUMENTS = Pattern.compile("(Not enough|Too many) arguments for option '-{0,2}([^']+)',"
            + " requires at (least|most) '(\\d+)'");

    private final Console console;
    private final Outcome outcome;
    private final GlobalOptions options;
    private final ObjectProvider<CommandCatalog> catalog;

    public ErrorResolver(Console console, Outcome outcome, GlobalOptions options, ObjectProvider<CommandCatalog> catalog) {
        this.console = console;
        this.outcome = outcome;
        this.options = options;
        this.catalog = catalog;
    }

    @Override
    public CommandHandlingResult resolve(Exception ex) {
        CommandCatalog commands = catalog.getIfAvailable();
        int status = tell(ex, commands == null ? null : CommandWords.registration(commands.getRegistrations(), outcome.command()),
                console, outcome, options.debug());
        return CommandHandlingResult.of(null, status);
    }

    /**
     * A command's failure told and recorded, the one way for the shell and for {@link DirectStart}:
     * its line on stderr (Ctrl-C's a plain line naming the command), its stack trace with
     * {@code --debug}, its status for the exit, which it returns. {@code command}: as in
     * {@link #messageOf}.
     */
    static int tell(Throwable ex, CommandRegistration command, Console console, Outcome outcome, boolean debug) {
        int status = statusOf(ex);
        String message = messageOf(ex, command);
        if (ex instanceof Interruption.Interrupted) {
            // the interrupt has done its work: clear it, or the terminal calls below fail too
            Thread.interrupted();
            // Ctrl-C: one plain line naming what stopped ("diagnose interrupted; nothing recorded")
            console.info((outcome.command() == null ? "" : outcome.command() + " ") + message);
            outcome.record(status, message);
            return status;
        }
        console.error(message);
        if (debug) {
            ex.printStackTrace(console.err());
            console.err().flush();
        }
        outcome.record(status, message);
        return status;
    }

    static int statusOf(Throwable ex) {
        if (ex instanceof RollbackException r) {
            return r.exitStatus();
        }
        if (ex instanceof CommandExecution.CommandParserExceptionsException
                || ex instanceof ConversionException
                || ex instanceof IllegalArgumentException) {
            return RollbackException.BAD_INPUT;
        }
        return RollbackException.PROBLEM;
    }

    /**
     * {@code command}: the command that failed, named in the hint to its help and asked
     * which of its options are positional; null: none known.
     */
    static String messageOf(Throwable ex, CommandRegistration command) {
        if (ex instanceof RollbackException) {
            return ex.getMessage();
        }
        String help = " (see 'help" + (command == null ? "" : " " + command.getCommand()) + "')";
        if (ex instanceof CommandExecution.CommandParserExceptionsException p) {
            String details = p.getParserExceptions().stream().map(e -> parserMessage(e.getMessage(), command))
                    .reduce((a, b) -> a + "; " + b).orElse(p.getMessage());
            return details + help;
        }
        if (ex instanceof ConversionException c) {
            Throwable root = c.getMostSpecificCause();
            return "bad option value: " + root.getMessage() + help;
        }
        Throwable full = dev.rollbackshell.project.FreeSpace.noSpaceCause(ex);
        if (full != null) {
            return dev.rollbackshell.project.Failures.describe(full) + "; free some space there and run it again"
                    + " (run with --debug for details)";
        }
        Throwable cause = ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
        if (cause instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile() + "; check the file's owner and mode";
        }
        if (cause instanceof NoSuchFileException n) {
            return "no such file: " + n.getFile();
        }
        String text = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        if (cause != ex && cause.getMessage() != null) {
            text = text + ": " + cause.getMessage();
        }
        return text + " (run with --debug for details)";
    }

    /**
     * A parser message in the user's words: a value that is not a number says so, without
     * Java's type names; a missing positional argument by the name {@code help} shows
     * ({@code PATH...}), not as an option the user never types.
     */
    static String parserMessage(String message, CommandRegistration command) {
        if (message == null) {
            return null;
        }
        Matcher missing = MISSING.matcher(message);
        if (missing.matches() && positionalLabel(command, missing.group(1)) != null) {
            return command.getCommand() + " needs " + positionalLabel(command, missing.group(1))
                    + (missing.group(2) == null ? "" : ": " + missing.group(2));
        }
        Matcher arguments = ARGUMENTS.matcher(message);
        if (arguments.matches()) {
            String label = positionalLabel(command, arguments.group(2));
            String name = label != null ? label : "--" + arguments.group(2);
            int n = Integer.parseInt(arguments.group(4));
            String values = n == 1 ? "a value" : n + " values";
            return arguments.group(1).equals("Not enough")
                    ? name + " needs " + (n == 1 ? values : "at least " + values)
                    : name + " takes at most " + (n == 1 ? "one value" : values);
        }
        Matcher m = CONVERSION.matcher(message);
        if (!m.matches()) {
            return message;
        }
        String kind = switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
            case "integer", "int", "long", "short" -> "a whole number";
            case "double", "float" -> "a number";
            case "boolean" -> "true or false";
            default -> "a " + m.group(2);
        };
        return "'" + m.group(1) + "' is not " + kind;
    }

    /** The name {@code help} shows for {@code command}'s positional option {@code longName} ({@code PATH...}), or null. */
    private static String positionalLabel(CommandRegistration command, String longName) {
        if (command == null) {
            return null;
        }
        for (CommandOption o : CommandWords.positional(command)) {
            if (java.util.Arrays.asList(o.getLongNames()).contains(longName)) {
                return o.getLabel();
            }
        }
        return null;
    }
}
