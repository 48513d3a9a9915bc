package dev.rollbackshell.shell;

import dev.rollbackshell.project.Printable;
import java.io.PrintWriter;
import dev.rollbackshell.shell.render.Fit;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.springframework.stereotype.Component;

/**
 * Where the shell layer writes: results to stdout (the terminal's writer), diagnostics,
 * progress and warnings to stderr, so that {@code --json} output stays one clean document.
 * Colours only where a person is looking.
 */
@Component
public class Console {

    private final Terminal terminal;
    private final PrintWriter err;
    private final boolean colour;

    public Console(Terminal terminal) {
        this.terminal = terminal;
        this.err = new PrintWriter(System.err, true);
        this.colour = System.console() != null && !Terminal.TYPE_DUMB.equals(terminal.getType())
                && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType()) && System.getenv("NO_COLOR") == null;
        Fit.columnsFrom(this::width);
        dev.rollbackshell.project.Meter.install(new ProgressLine(terminal, err, ProgressLine.liveOn(terminal)));
    }

    /**
     * The width output is fitted to: {@code COLUMNS} when set; else the terminal's width (JLine
     * follows resizes); 80 on a terminal that does not tell; 0, no fitting, when the output is
     * not a terminal (a pipe or a file gets whole lines, for grep and other tools).
     */
    public int width() {
        String env = System.getenv("COLUMNS");
        if (env != null && env.matches("\\d{1,4}") && Integer.parseInt(env) > 0) {
            return Integer.parseInt(env);
        }
        boolean dumb = Terminal.TYPE_DUMB.equals(terminal.getType()) || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
        int w;
        try {
            w = dumb ? 0 : terminal.getWidth();
        } catch (java.io.IOError | RuntimeException e) {
            w = 0; // the size could not be read (an interrupted thread cannot ask stty): fall back below
        }
        if (w > 0) {
            return w;
        }
        return System.console() != null ? 80 : 0;
    }

    /** {@code text} fitted to {@link #width()}: wrapped at spaces with a hanging indent, long paths shortened. */
    public String fit(String text) {
        return Fit.text(text, width());
    }

    public PrintWriter out() {
        return terminal.writer();
    }

    public PrintWriter err() {
        return err;
    }

    public boolean colour() {
        return colour;
    }

    /**
     * One line on stderr: the error of a command (a file name in it escaped: {@link Printable}),
     * wrapped at spaces on a terminal, its words never shortened.
     */
    public void error(String message) {
        err.println(paint(Fit.wrap("error: " + Printable.name(message), width()), AttributedStyle.RED));
        err.flush();
    }

    public void warn(String message) {
        err.println(paint(Fit.wrap("warning: " + Printable.name(message), width()), AttributedStyle.YELLOW));
        err.flush();
    }

    /** Progress and notes: stderr, so stdout holds only results. */
    public void info(String message) {
        err.println(fit(message));
        err.flush();
    }

    public String paint(String text, int colourIndex) {
        if (!colour) {
            return text;
        }
        return new AttributedString(text, AttributedStyle.DEFAULT.foreground(colourIndex)).toAnsi(terminal);
    }

    public String bold(String text) {
        if (!colour) {
            return text;
        }
        return new AttributedString(text, AttributedStyle.BOLD).toAnsi(terminal);
    }
}
