package dev.rollbackshell.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The options that come before the command: {@code -C DIR} (the project; default the
 * current folder), {@code --debug} (stack traces and framework logs), {@code --help}.
 * Checked once, up front; a bad one is exit 2 before anything starts.
 *
 * @param command the command words, empty for the REPL or a script on standard input
 */
public record GlobalOptions(Path project, boolean debug, boolean help, List<String> command) {

    public static final String USAGE = """
            usage: rollback-shell [-C DIR] [--debug] [COMMAND [ARGS...]]
              no command, on a terminal:       the interactive shell (type 'help')
              a command:                       run it and exit with its status
              no command, input not a terminal: run the lines read, like 'script run'
            exit status: 0 healthy/done, 1 a problem was found, 2 bad input or refused
            """;

    /** About when {@code main} began (it reads these options first), for the start-up figures of ROLLBACK_SHELL_TIMING=1. */
    public static final long MAIN_NANOS = System.nanoTime();

    public GlobalOptions {
        command = List.copyOf(command);
    }

    public static GlobalOptions parse(String[] args) {
        Path project = Path.of("").toAbsolutePath();
        boolean debug = false;
        boolean help = false;
        int i = 0;
        while (i < args.length) {
            String a = args[i];
            if (a.equals("-C")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("-C needs a folder: rollback-shell -C DIR [COMMAND]");
                }
                project = project.resolve(args[i + 1]).normalize();
                i += 2;
            } else if (a.startsWith("-C") && a.length() > 2) {
                project = project.resolve(a.substring(2)).normalize();
                i++;
            } else if (a.equals("--debug")) {
                debug = true;
                i++;
            } else if (a.equals("--help") || a.equals("-h")) {
                help = true;
                i++;
            } else {
                break;
            }
        }
        if (!Files.isDirectory(project)) {
            throw new IllegalArgumentException("project folder " + project + " does not exist; pass an existing folder with -C DIR");
        }
        return new GlobalOptions(project, debug, help, List.of(args).subList(i, args.length));
    }
}
