package dev.rollbackshell.shell;

import dev.rollbackshell.check.CheckSuite;
import dev.rollbackshell.project.Meter;
import dev.rollbackshell.shell.render.JournalText;
import dev.rollbackshell.shell.render.Sizes;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.Status;

/**
 * Shows the {@link Meter}'s work. On a terminal (stderr and stdout the same terminal):
 * JLine's own status line at the bottom of the screen, redrawn at most ten times a
 * second: {@code backup verify  12,345 / 20,000 files  120 MiB / 180 MiB  45 MiB/s
 * 3s left}, removed when the work ends. Otherwise (a pipe, a file, CI, the tests): one
 * summary line on stderr when the work ends, {@code backup verify: 20,000 files, 180 MiB
 * in 4.21s (42.8 MiB/s)}. stdout, and so {@code --json}, never holds any of it. Work
 * started inside other work (a restore while proving) is shown while it runs and gets
 * no summary line of its own; nor does work that prints its own result (a test suite,
 * {@code Meter.startLive}).
 */
final class ProgressLine implements Meter.Sink {

    private static final long REDRAW_NANOS = 100_000_000L;

    private final Terminal terminal;
    private final PrintWriter err;
    private final boolean live;
    private final List<Meter.Task> active = new ArrayList<>();
    private volatile long lastDraw;
    private Status status;

    ProgressLine(Terminal terminal, PrintWriter err, boolean live) {
        this.terminal = terminal;
        this.err = err;
        this.live = live;
    }

    /**
     * True when a status line can be drawn: stderr is a terminal and stdout is the same
     * one (JLine draws on the terminal it writes results to), and JLine knows how.
     */
    static boolean liveOn(Terminal terminal) {
        if (System.console() == null || Terminal.TYPE_DUMB.equals(terminal.getType())
                || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())) {
            return false;
        }
        try {
            Path out = Files.readSymbolicLink(Path.of("/proc/self/fd/1"));
            Path errTarget = Files.readSymbolicLink(Path.of("/proc/self/fd/2"));
            return out.equals(errTarget) && (out.startsWith("/dev/pts") || out.toString().startsWith("/dev/tty"));
        } catch (Exception e) {
            return false; // not Linux: no status line, the summary instead
        }
    }

    @Override
    public synchronized void started(Meter.Task task) {
        active.add(task);
        lastDraw = 0;
    }

    @Override
    public void progressed(Meter.Task task) {
        if (!live) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS) {
            return;
        }
        synchronized (this) {
            if (now - lastDraw < REDRAW_NANOS || active.isEmpty()) {
                return;
            }
            lastDraw = now;
            draw(active.get(active.size() - 1));
        }
    }

    @Override
    public synchronized void finished(Meter.Task task) {
        boolean outermost = !active.isEmpty() && active.get(0) == task;
        active.remove(task);
        if (live) {
            if (active.isEmpty()) {
                clear();
            } else {
                draw(active.get(active.size() - 1));
            }
        } else if ((outermost || active.isEmpty()) && task.summarised()) {
            err.println(summary(task));
            err.flush();
        }
    }

    private void draw(Meter.Task t) {
        try {
            if (status == null) {
                status = Status.getStatus(terminal, true);
            }
            if (status == null) {
                return;
            }
            int width = Math.max(20, terminal.getWidth() - 1);
            String text = line(t);
            status.update(List.of(new AttributedString(text.length() > width ? text.substring(0, width) : text)));
        } catch (RuntimeException | java.io.IOError e) {
            // a terminal that cannot draw it: the work goes on without
        }
    }

    private void clear() {
        if (status == null) {
            return;
        }
        try {
            status.update(List.of());
            status.close();
        } catch (RuntimeException | java.io.IOError e) {
            // nothing left to clear
        }
        status = null;
    }

    /** The status line: {@code backup create  1,234 / ~20,000 files  12 MiB / ~180 MiB  45 MiB/s  about 3s left}. */
    static String line(Meter.Task t) {
        String about = t.estimated() ? "~" : "";
        StringBuilder s = new StringBuilder(t.what()).append("  ").append(Sizes.count(t.done()));
        if (t.total() > 0) {
            s.append(" / ").append(about).append(Sizes.count(t.total()));
        }
        s.append(' ').append(t.unit());
        if (t.totalBytes() > 0 || t.doneBytes() > 0) {
            s.append("  ").append(Sizes.bytes(t.doneBytes()));
            if (t.totalBytes() > 0) {
                s.append(" / ").append(about).append(Sizes.bytes(t.totalBytes()));
            }
        }
        s.append("  ").append(rate(t));
        long left = t.secondsLeft();
        if (left >= 0) {
            s.append("  ").append(about.isEmpty() ? "" : "about ").append(JournalText.age(left)).append(" left");
        }
        return s.toString();
    }

    /** The line printed when the work ends and no status line was shown. */
    static String summary(Meter.Task t) {
        StringBuilder s = new StringBuilder(t.what()).append(": ").append(Sizes.plural(t.done(), singular(t.unit()), t.unit()));
        if (t.doneBytes() > 0) {
            s.append(", ").append(Sizes.bytes(t.doneBytes()));
        }
        s.append(" in ").append(CheckSuite.duration(t.elapsedNanos() / 1_000_000)).append(" (").append(rate(t))
                .append(')');
        return s.toString();
    }

    /** The units are plurals: "files", "candidates", "entries"; one of them reads "1 file", "1 entry". */
    static String singular(String unit) {
        return unit.endsWith("ies") ? unit.substring(0, unit.length() - 3) + "y"
                : unit.endsWith("s") ? unit.substring(0, unit.length() - 1) : unit;
    }

    private static String rate(Meter.Task t) {
        if (t.doneBytes() > 0) {
            return Sizes.bytes(Math.round(t.rate())) + "/s";
        }
        double r = t.rate();
        // slow work (proving: seconds per candidate) reads better per minute than as 0.0/s
        return r > 0 && r < 1 ? String.format(Locale.ROOT, "%.1f %s/min", r * 60, t.unit())
                : String.format(Locale.ROOT, "%.1f %s/s", r, t.unit());
    }
}
