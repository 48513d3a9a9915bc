package dev.rollbackshell.shell.render;

import dev.rollbackshell.report.LogReader;
import dev.rollbackshell.shell.Console;
import org.jline.utils.AttributedStyle;

/** {@code logs}: numbered lines, error lines in red (and marked with '!' where there is no colour). */
public final class LogRenderer {

    private LogRenderer() {
    }

    public static String render(LogReader.View v, boolean errorsOnly, Console c) {
        StringBuilder b = new StringBuilder();
        int w = String.valueOf(v.total()).length();
        for (LogReader.Line l : v.lines()) {
            String num = String.format("%" + w + "d", l.number());
            if (l.error()) {
                b.append(c.colour() ? c.paint(num + "  " + l.text(), AttributedStyle.RED) : num + "! " + l.text());
            } else {
                b.append(num).append("  ").append(l.text());
            }
            b.append('\n');
        }
        if (v.lines().isEmpty()) {
            b.append(errorsOnly ? "no error lines in " + v.path() + " (" + v.total() + " lines)" : v.path() + " is empty").append('\n');
        }
        if (v.truncated()) {
            b.append("(the log is large: only its end was read)\n");
        }
        return b.toString();
    }
}
