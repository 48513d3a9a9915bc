package dev.rollbackshell.shell.commands;

import dev.rollbackshell.app.Report;
import dev.rollbackshell.report.LogReader;
import dev.rollbackshell.shell.Console;
import dev.rollbackshell.shell.Reply;
import dev.rollbackshell.shell.Workspace;
import dev.rollbackshell.shell.render.LogRenderer;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** {@code report}, {@code logs}: the incident report of the session, the system's log file. */
@Command(group = "Report")
public class ReportCommands {

    private final Workspace ws;
    private final Console console;

    public ReportCommands(Workspace ws, Console console) {
        this.ws = ws;
        this.console = console;
    }

    @Command(command = "report", description = "Incident report of the session in Markdown: timeline, evidence, changes")
    public Reply report(@Option(longNames = "out", description = "write it to this file instead of printing it") String out,
            @Option(longNames = "force", description = "with --out: replace the file if it exists") boolean force) {
        Report use = new Report(ws.context());
        if (out == null) {
            return Reply.raw(use.markdown(), 0); // Markdown, whole
        }
        Report.Written w = use.write(out, force);
        return Reply.ok("wrote the incident report to " + w.file() + " (" + w.lines() + " lines)");
    }

    @Command(command = "logs", description = "The plan's log file (data/logs/system.log), error lines highlighted")
    public Reply logs(
            @Option(longNames = "errors", description = "only error lines and the tracebacks after them") boolean errors,
            @Option(longNames = "tail", description = "only the last N lines") Integer tail) {
        LogReader.View v = LogReader.read(ws.project(), ws.plan().plan(), errors, tail);
        return Reply.raw(LogRenderer.render(v, errors, console), 0); // the log as it is
    }
}
