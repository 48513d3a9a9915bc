package dev.rollbackshell.check;

import dev.rollbackshell.plan.Check;
import dev.rollbackshell.plan.PerformanceCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plan's performance check, measured: its command run the plan's number of times, each
 * run's time taken from the wall clock or from the duration the command reports (the plan's
 * {@code durationPattern}), and the median of them; the first run that fails ends it with
 * "could not be measured". That it runs alone is the caller's ({@link CheckSuite}, through
 * {@link CheckLanes#alone}).
 */
final class PerformanceRun {

    private final String python;
    private final Path dir;
    private final Map<String, String> env;
    private final LongConsumer commandMillis;

    /** {@code commandMillis} hears how long each command took (the suite's total). */
    PerformanceRun(String python, Path dir, Map<String, String> env, LongConsumer commandMillis) {
        this.python = python;
        this.dir = dir;
        this.env = env;
        this.commandMillis = commandMillis;
    }

    /** Runs the check the plan's number of times; the median of their times, or why it could not be measured. */
    PerformanceResult measure(PerformanceCheck pc, Progress progress) {
        Check check = pc.asCheck();
        Pattern pattern = pc.durationPattern() == null ? null : Pattern.compile(pc.durationPattern());
        List<Long> runs = new ArrayList<>();
        String measured = pattern == null ? "wall" : "reported";
        for (int i = 0; i < pc.runsOrDefault(); i++) {
            ProcessResult r = CommandRunner.run(check.argv(python), dir, env, check.timeout(), progress, pc.idOrDefault());
            commandMillis.accept(r.millis());
            if (!r.ok()) {
                String why = r.failureSummary();
                progress.say("performance " + pc.idOrDefault() + ": could not be measured: " + why);
                return new PerformanceResult(pc.idOrDefault(), runs, null, measured, why, FailureText.tail(r.output(), 16_000));
            }
            long ms = r.millis();
            if (pattern != null) {
                Matcher m = pattern.matcher(r.output());
                if (m.find()) {
                    try {
                        ms = Math.round(Double.parseDouble(m.group(1)) * 1000);
                    } catch (NumberFormatException e) {
                        measured = "wall";
                    }
                } else {
                    measured = "wall";
                }
            }
            runs.add(ms);
        }
        long median = median(runs);
        progress.say("performance " + pc.idOrDefault() + ": median " + CheckSuite.duration(median) + " of " + runs.size() + " runs");
        return new PerformanceResult(pc.idOrDefault(), runs, median, measured, null, null);
    }

    static long median(List<Long> values) {
        List<Long> s = new ArrayList<>(values);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
