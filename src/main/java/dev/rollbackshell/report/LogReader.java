package dev.rollbackshell.report;

import dev.rollbackshell.plan.Plan;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.RollbackException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code logs [--errors] [--tail N]}: the plan's log file (runbook: {@code data/logs/system.log}),
 * each line marked when it reports an error; with {@code errors} only those lines and the
 * traceback lines that follow them.
 */
public final class LogReader {

    /** Beyond this, only the end of the log is read. */
    static final long MAX_BYTES = 16L * 1024 * 1024;

    private static final Pattern ERROR = Pattern.compile(
            "\\b(ERROR|CRITICAL|FATAL|SEVERE|Traceback)\\b|\\b\\w*(Error|Exception)\\b[:(]|^\\s*E\\s{2,}");
    private static final Pattern CONTINUATION = Pattern.compile("^(\\s+|Traceback|\\w+(\\.\\w+)*(Error|Exception)\\b|Caused by:)");

    /** One line of the log: its number (1-based), its text, whether it reports an error. */
    public record Line(long number, String text, boolean error) {
    }

    /** What to show: the log's project path, the lines, how many lines the file has, whether its start was skipped. */
    public record View(String path, List<Line> lines, long total, boolean truncated) {
    }

    private LogReader() {
    }

    public static View read(Project project, Plan plan, boolean errorsOnly, Integer tail) {
        if (plan.logFile() == null) {
            throw RollbackException.badInput("the plan names no log file; add 'logFile: path/to/app.log' to rollback-plan.yml");
        }
        if (tail != null && tail < 1) {
            throw RollbackException.badInput("--tail must be at least 1, not " + tail);
        }
        Path file = project.resolve(plan.logFile());
        if (!Files.isRegularFile(file)) {
            throw RollbackException.problem("no log file " + plan.logFile() + " (the plan's logFile); the system has not"
                    + " written one yet, or it logs elsewhere: set logFile in rollback-plan.yml");
        }
        List<String> raw;
        boolean truncated;
        long skipped;
        try {
            long size = Files.size(file);
            truncated = size > MAX_BYTES;
            String text;
            if (truncated) {
                try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                    f.seek(size - MAX_BYTES);
                    byte[] b = new byte[(int) MAX_BYTES];
                    f.readFully(b);
                    text = new String(b, StandardCharsets.UTF_8);
                    text = text.substring(text.indexOf('\n') + 1);
                }
            } else {
                text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            }
            raw = text.lines().toList();
            skipped = 0;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw RollbackException.problem("cannot read the log " + plan.logFile() + ": " + e.getMessage());
        }
        List<Line> lines = new ArrayList<>();
        boolean inError = false;
        for (int i = 0; i < raw.size(); i++) {
            String t = raw.get(i);
            boolean err = ERROR.matcher(t).find();
            boolean cont = inError && !t.isBlank() && CONTINUATION.matcher(t).find();
            if (err) {
                inError = true;
            } else if (!cont) {
                inError = false;
            }
            if (!errorsOnly || err || cont) {
                lines.add(new Line(skipped + i + 1, t, err || cont));
            }
        }
        if (tail != null && lines.size() > tail) {
            lines = new ArrayList<>(lines.subList(lines.size() - tail, lines.size()));
        }
        return new View(plan.logFile(), lines, raw.size(), truncated);
    }
}
