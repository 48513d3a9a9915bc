package dev.rollbackshell.app;

import dev.rollbackshell.project.AtomicFiles;
import dev.rollbackshell.project.Clocks;
import dev.rollbackshell.report.IncidentReport;
import dev.rollbackshell.verify.Verifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** {@code report}: the session's incident report in Markdown, printed, or written to a file under the lock and recorded. */
public final class Report {

    /** The report written to {@code file}, {@code lines} long. */
    public record Written(Path file, long lines) {
    }

    private final Context cx;

    public Report(Context cx) {
        this.cx = cx;
    }

    /** The report as it stands now; reads only. */
    public String markdown() {
        return IncidentReport.markdown(new IncidentReport.Input(cx.project().root().getFileName().toString(),
                cx.plan().source(), cx.session().load(), Verifier.latest(cx.project()), Clocks.now(), cx.treeNow()));
    }

    /**
     * Writes the report to {@code out}; refuses (exit 2) a file inside the protected folders,
     * or one that exists unless {@code force}.
     */
    public Written write(String out, boolean force) {
        Path target = IncidentReport.target(cx.project(), cx.plan().plan().foldersOrDefault(), out, force);
        String md = markdown();
        try (var lock = cx.lock("report")) {
            AtomicFiles.write(target, md.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + target, e);
        }
        cx.session().record("report", "wrote the incident report to " + target, 0);
        return new Written(target, md.lines().count());
    }
}
