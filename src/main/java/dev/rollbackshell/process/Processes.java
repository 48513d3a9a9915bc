package dev.rollbackshell.process;

import dev.rollbackshell.project.RollbackException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The runbook's {@code pkill -f "python.*athena"}, made careful: lists the processes whose
 * command line matches the pattern (never this program nor the processes it runs under),
 * and stops them with TERM, then KILL for those still running after a grace period.
 */
public final class Processes {

    private Processes() {
    }

    /** A running process: pid, start time (null when unknown), age, command line, user. */
    public record Proc(long pid, Instant started, Long ageSeconds, String command, String user) {
    }

    /**
     * What {@link #stop} did: {@code terminated} ended after TERM, {@code killed} needed
     * KILL, {@code survived} still run (not ours to stop, or stuck), {@code gone} had ended already.
     */
    public record StopResult(List<Proc> terminated, List<Proc> killed, List<Proc> survived, List<Proc> gone) {
        public boolean allStopped() {
            return survived.isEmpty();
        }
    }

    /** Processes whose command line matches {@code regex} (anywhere in it), oldest first. */
    public static List<Proc> find(String regex) {
        Pattern p = compile(regex);
        Set<Long> spared = spared();
        List<Proc> out = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(h -> {
            if (spared.contains(h.pid())) {
                return;
            }
            ProcessHandle.Info info = h.info();
            String cmd = info.commandLine().orElseGet(() -> info.command().orElse(""));
            if (!cmd.isEmpty() && p.matcher(cmd).find()) {
                Instant started = info.startInstant().orElse(null);
                Long age = started == null ? null : Math.max(0, Duration.between(started, Instant.now()).toSeconds());
                out.add(new Proc(h.pid(), started, age, cmd, info.user().orElse(null)));
            }
        });
        out.sort((a, b) -> a.started() == null || b.started() == null ? Long.compare(a.pid(), b.pid())
                : a.started().compareTo(b.started()));
        return out;
    }

    /** Sends TERM to each, waits up to {@code grace}, then KILL to those still running. */
    public static StopResult stop(List<Proc> procs, Duration grace) {
        Set<Long> spared = spared();
        List<Proc> terminated = new ArrayList<>();
        List<Proc> killed = new ArrayList<>();
        List<Proc> survived = new ArrayList<>();
        List<Proc> gone = new ArrayList<>();
        List<Proc> signalled = new ArrayList<>();
        for (Proc p : procs) {
            if (spared.contains(p.pid())) {
                survived.add(p); // never this program nor its parents
                continue;
            }
            Optional<ProcessHandle> h = same(p);
            if (h.isEmpty()) {
                gone.add(p);
            } else {
                h.get().destroy();
                signalled.add(p);
            }
        }
        waitFor(signalled, grace);
        List<Proc> forced = new ArrayList<>();
        for (Proc p : signalled) {
            Optional<ProcessHandle> h = same(p);
            if (h.isEmpty()) {
                terminated.add(p);
            } else {
                h.get().destroyForcibly();
                forced.add(p);
            }
        }
        waitFor(forced, Duration.ofSeconds(3));
        for (Proc p : forced) {
            (same(p).isEmpty() ? killed : survived).add(p);
        }
        return new StopResult(terminated, killed, survived, gone);
    }

    /** The process if it still runs and is the one listed (a reused pid is another process). */
    private static Optional<ProcessHandle> same(Proc p) {
        return ProcessHandle.of(p.pid()).filter(ProcessHandle::isAlive)
                .filter(h -> p.started() == null || p.started().equals(h.info().startInstant().orElse(null)));
    }

    private static void waitFor(List<Proc> procs, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (procs.stream().allMatch(p -> same(p).isEmpty())) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** This process and all its parents. */
    static Set<Long> spared() {
        Set<Long> out = new HashSet<>();
        for (Optional<ProcessHandle> h = Optional.of(ProcessHandle.current()); h.isPresent(); h = h.get().parent()) {
            out.add(h.get().pid());
        }
        return out;
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex, Pattern.DOTALL); // like pkill -f: "." also matches the newlines of a python -c script
        } catch (PatternSyntaxException e) {
            throw RollbackException.badInput("the process pattern '" + regex + "' is not a valid regular expression: "
                    + e.getDescription());
        }
    }
}
