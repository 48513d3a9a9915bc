package dev.rollbackshell.shell.render;

import dev.rollbackshell.journal.Journal;
import dev.rollbackshell.journal.JournalEntry;
import dev.rollbackshell.process.Processes;
import dev.rollbackshell.restore.UndoWords;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Text of {@code undo}, {@code undo --list} and {@code processes}. */
public final class JournalText {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private JournalText() {
    }

    public static String undone(Journal.Applied a, JournalEntry target, boolean redo) {
        JournalEntry e = a.entry();
        StringBuilder sb = new StringBuilder();
        if (redo) {
            sb.append("redid #").append(target.reverts()).append(" (")
                    .append(target.summary().replaceFirst("^undo #\\d+: ", "")).append("), which #").append(target.seq())
                    .append(" had undone");
        } else {
            sb.append("undid #").append(target.seq()).append(" (").append(target.summary()).append(")");
        }
        if (e.steps() == 0) {
            sb.append(": it had changed nothing yet, so nothing was written");
        } else {
            sb.append(": ").append(e.written()).append(e.written() == 1 ? " file" : " files").append(" written back, ")
                    .append(e.removed()).append(" removed");
        }
        sb.append("\njournal entry ").append(e.seq()).append(": ")
                .append(redo ? UndoWords.REVERTS + " again" : "'undo --redo' re-applies #" + target.seq()
                        + "; 'undo' again goes one further back");
        return sb.toString();
    }

    /** {@code entries}: the newest ones shown, oldest first; {@code total}: how many the journal holds. */
    public static String list(List<JournalEntry> entries, int total, Optional<JournalEntry> next,
            Optional<JournalEntry> redo) {
        if (total == 0) {
            return "the journal is empty: nothing was restored, cleaned or undone in this project yet";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"#", "when", "kind", "files", "state", "what"});
        for (int i = entries.size() - 1; i >= 0; i--) {
            JournalEntry e = entries.get(i);
            rows.add(new String[] {String.valueOf(e.seq()), WHEN.format(e.createdAt()), e.kind(),
                    String.valueOf(e.written() + e.removed()), state(e), e.summary()});
        }
        StringBuilder sb = new StringBuilder(RestoreText.table(rows, 3));
        sb.append(next.map(e -> "'undo' reverts #" + e.seq() + (JournalEntry.INTERRUPTED.equals(e.status())
                ? " (interrupted: it " + UndoWords.PUTS_BACK_INTERRUPTED + ")" : ""))
                .orElse("nothing to undo"));
        redo.ifPresent(e -> sb.append("; 'undo --redo' re-applies what #").append(e.seq()).append(" undid"));
        if (entries.size() < total) {
            sb.append("\nthe newest ").append(entries.size()).append(" of ").append(total)
                    .append(" entries; 'undo --list --all' shows every one, 'journal prune' removes the old ones");
        }
        return sb.toString();
    }

    /** {@code journal prune} and its dry run. */
    public static String pruned(dev.rollbackshell.journal.JournalPruner.Pruned p, int keep) {
        StringBuilder sb = new StringBuilder();
        if (p.removed().isEmpty()) {
            sb.append("nothing to prune: the journal holds ").append(p.kept()).append(p.kept() == 1 ? " entry" : " entries")
                    .append(" (keeping the newest ").append(keep).append(")");
        } else {
            sb.append(p.dryRun() ? "would remove " : "removed ").append(p.removed().size())
                    .append(p.removed().size() == 1 ? " journal entry" : " journal entries").append(" (#")
                    .append(ranges(p.removed())).append(", ").append(Sizes.bytes(p.bytes())).append("), keeping ")
                    .append(p.kept()).append("; ").append(p.dryRun() ? "run it without --dry-run to remove them"
                            : "they can no longer be undone");
        }
        for (var h : p.held()) {
            sb.append("\nkept #").append(h.seq()).append(": ").append(h.why());
        }
        return sb.toString();
    }

    /** 1, 2, 3, 5 as "1-3, 5". */
    static String ranges(List<Integer> seqs) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < seqs.size(); k++) {
            int from = seqs.get(k);
            int to = from;
            while (k + 1 < seqs.size() && seqs.get(k + 1) == to + 1) {
                to = seqs.get(++k);
            }
            sb.append(sb.length() == 0 ? "" : ", #").append(from);
            if (to != from) {
                sb.append("-").append(to);
            }
        }
        return sb.toString();
    }

    static String state(JournalEntry e) {
        String s = switch (e.status()) {
            case JournalEntry.INTERRUPTED -> "INTERRUPTED (" + e.done() + "/" + e.steps() + " steps)";
            case JournalEntry.FAILED -> "failed";
            default -> "done";
        };
        if (e.revertedBy() != null) {
            s += ", undone by #" + e.revertedBy();
        }
        return s;
    }

    public static String processes(String pattern, List<Processes.Proc> procs) {
        if (procs.isEmpty()) {
            return "no process matches " + pattern;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"pid", "age", "command"});
        for (Processes.Proc p : procs) {
            rows.add(new String[] {String.valueOf(p.pid()), age(p.ageSeconds()), oneLine(p.command())});
        }
        return RestoreText.table(rows, 1) + procs.size() + (procs.size() == 1 ? " process matches " : " processes match ")
                + pattern + "; 'processes --stop' stops them (TERM, then KILL)";
    }

    public static String stopped(String pattern, Processes.StopResult r) {
        int n = r.terminated().size() + r.killed().size();
        StringBuilder sb = new StringBuilder("stopped ").append(n).append(n == 1 ? " process" : " processes")
                .append(" matching ").append(pattern).append(": ").append(r.terminated().size()).append(" ended on TERM, ")
                .append(r.killed().size()).append(" needed KILL");
        if (!r.gone().isEmpty()) {
            sb.append(", ").append(r.gone().size()).append(" had ended already");
        }
        for (Processes.Proc p : r.survived()) {
            sb.append("\n  STILL RUNNING ").append(p.pid()).append("  ").append(oneLine(p.command()))
                    .append(" (not ours to stop? check its owner)");
        }
        return sb.toString();
    }

    static String oneLine(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 120 ? one.substring(0, 117) + "..." : one;
    }

    /** A span of seconds, short: "42s", "3m", "1h 5m", "2d 3h". */
    public static String age(Long seconds) {
        if (seconds == null) {
            return "?";
        }
        Duration d = Duration.ofSeconds(seconds);
        if (d.toMinutes() < 1) {
            return seconds + "s";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + "m";
        }
        if (d.toDays() < 1) {
            return d.toHours() + "h " + d.toMinutesPart() + "m";
        }
        return d.toDays() + "d " + d.toHoursPart() + "h";
    }
}
