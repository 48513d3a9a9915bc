package dev.rollbackshell.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rollbackshell.process.Processes;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** {@code processes [--stop]}: the runbook's pkill -f "python.*athena", shown first; a stop is recorded. */
public final class RunningProcesses {

    /** How long a stop waits after TERM before it sends KILL. */
    public static final Duration GRACE = Duration.ofSeconds(5);

    /** {@code processes --json}: the pattern, the processes found, and with {@code --stop} what became of them. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Listed(String pattern, List<Processes.Proc> processes, Processes.StopResult stopped) {
    }

    private final Context cx;

    public RunningProcesses(Context cx) {
        this.cx = cx;
    }

    /** The processes matching the plan's pattern; reads only. */
    public Listed list() {
        String pattern = cx.plan().plan().processPatternOrDefault();
        return new Listed(pattern, Processes.find(pattern), null);
    }

    /**
     * Stops the processes found (TERM, {@link #GRACE}, then KILL) and records it; {@code confirm}
     * is shown them first and refuses by throwing. None found: the listing, nothing recorded.
     */
    public Listed stop(Consumer<Listed> confirm) {
        Listed found = list();
        if (found.processes().isEmpty()) {
            return found;
        }
        confirm.accept(found);
        Processes.StopResult r = Processes.stop(found.processes(), GRACE);
        cx.session().record("processes", "stopped " + (r.terminated().size() + r.killed().size())
                + " processes matching " + found.pattern()
                + (r.allStopped() ? "" : ", " + r.survived().size() + " still running"), r.allStopped() ? 0 : 1);
        return new Listed(found.pattern(), found.processes(), r);
    }
}
