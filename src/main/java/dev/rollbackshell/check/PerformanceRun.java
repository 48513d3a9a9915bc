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
 * "could not be measured". A median that the caller's rule calls a slowdown is measured once
 * more before it counts: a second round of as many runs, and the lower of the two medians
 * stands, so a burst of load on the machine during one round does not fire the trigger
 * (docs/plan.md, "A slowdown is measured twice"). That it runs alone is the caller's
 * ({@link CheckSuite}, through {@link CheckLanes#alone}).
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

    /**
     * Runs the check the plan's number of times; the median of their times, or why it could
     * not be measured. When {@code slowdown} holds for that median, a second round confirms it
     * or not (with {@link Slowdown#NONE}, never).
     */
    PerformanceResult measure(PerformanceCheck pc, Slowdown slowdown, Progress progress) {
        String id = pc.idOrDefault();
        Round first = round(pc, progress);
        if (first.error() != null) {
            return first.failed(id);
        }
        long median = median(first.runs());
        progress.say("performance " + id + ": median " + CheckSuite.duration(median) + " of " + first.runs().size() + " runs");
        if (!slowdown.test(median)) {
            return new PerformanceResult(id, first.runs(), median, first.measured(), null, null);
        }
        progress.say("performance " + id + ": slower than the plan allows; measuring once more before it counts");
        Round second = round(pc, progress);
        if (second.error() != null) {
            // the first round stays on record; the failure says it came in the second
            return new PerformanceResult(id, first.runs(), null, first.measured(), second.error()
                    + " (in the second round, taken because the first round's median of " + CheckSuite.duration(median)
                    + " was slower than the plan allows)", second.output(), second.runs());
        }
        long again = median(second.runs());
        boolean confirmed = slowdown.test(again);
        progress.say("performance " + id + ": median " + CheckSuite.duration(again) + " of " + second.runs().size()
                + " more runs: " + (confirmed ? "the slowdown is confirmed" : "not slower this time (the first round counts as the machine's load)"));
        return new PerformanceResult(id, first.runs(), Math.min(median, again), first.measured(), null, null, second.runs());
    }

    /** One round of runs, or the first failure: why, and the output. */
    private record Round(List<Long> runs, String measured, String error, String output) {
        PerformanceResult failed(String id) {
            return new PerformanceResult(id, runs, null, measured, error, output);
        }
    }

    private Round round(PerformanceCheck pc, Progress progress) {
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
                return new Round(runs, measured, why, FailureText.tail(r.output(), 16_000));
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
        return new Round(runs, measured, null, null);
    }

    static long median(List<Long> values) {
        List<Long> s = new ArrayList<>(values);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
