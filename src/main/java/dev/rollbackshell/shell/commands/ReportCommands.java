package dev.rollbackshell.shell.commands;

import dev.rollbackshell.project.Clocks;
import dev.rollbackshell.project.AtomicFiles;
import dev.rollbackshell.report.IncidentReport;
import dev.rollbackshell.report.LogReader;
import dev.rollbackshell.shell.Console;
import dev.rollbackshell.shell.Reply;
import dev.rollbackshell.shell.Workspace;
import dev.rollbackshell.shell.render.LogRenderer;
import dev.rollbackshell.verify.Verifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
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
        Path target = out == null ? null : IncidentReport.target(ws.project(), ws.protectedFolders(), out, force);
        String md = IncidentReport.markdown(new IncidentReport.Input(ws.project().root().getFileName().toString(),
                ws.planName(), ws.session().load(), Verifier.latest(ws.project()), Clocks.now(), ws.treeNow()));
        if (target == null) {
            return Reply.raw(md, 0); // Markdown, whole
        }
        try (var lock = ws.lock("report")) {
            AtomicFiles.write(target, md.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + target, e);
        }
        ws.session().record("report", "wrote the incident report to " + target, 0);
        return Reply.ok("wrote the incident report to " + target + " (" + md.lines().count() + " lines)");
    }

    @Command(command = "logs", description = "The plan's log file (data/logs/system.log), error lines highlighted")
    public Reply logs(
            @Option(longNames = "errors", description = "only error lines and the tracebacks after them") boolean errors,
            @Option(longNames = "tail", description = "only the last N lines") Integer tail) {
        LogReader.View v = LogReader.read(ws.project(), ws.plan().plan(), errors, tail);
        return Reply.raw(LogRenderer.render(v, errors, console), 0); // the log as it is
    }
}
