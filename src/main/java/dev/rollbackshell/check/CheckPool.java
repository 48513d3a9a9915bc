package dev.rollbackshell.check;

import dev.rollbackshell.project.Interruption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads one {@link CheckSuite} run puts its independent checks on: each task belongs
 * to a lane of {@link OrderedProgress}, which is marked done when the task ends; with one
 * job (or one task) they run in this thread, one after the other in lane order. A failing
 * check's exception reaches the caller as it was thrown; Ctrl-C stops the running checks
 * (their commands see the interrupt and end) and throws {@link Interruption.Interrupted}.
 */
final class CheckPool {

    private CheckPool() {
    }

    /** Runs the tasks on {@code jobs} threads (in this thread when 1); the results by lane. */
    static Map<Integer, Object> runAll(List<Callable<Object>> tasks, List<Integer> laneOf, OrderedProgress out,
            int jobs) {
        Map<Integer, Object> results = new HashMap<>();
        if (jobs <= 1 || tasks.size() <= 1) {
            // one after the other, in the plan's order
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < tasks.size(); i++) {
                order.add(i);
            }
            order.sort(java.util.Comparator.comparingInt(laneOf::get));
            for (int i : order) {
                results.put(laneOf.get(i), call(tasks.get(i)));
                out.done(laneOf.get(i));
            }
            return results;
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, tasks.size()), r -> {
            Thread t = new Thread(r, "rollback-check-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < tasks.size(); i++) {
                Callable<Object> task = tasks.get(i);
                int lane = laneOf.get(i);
                futures.add(pool.submit(() -> {
                    try {
                        return task.call();
                    } finally {
                        out.done(lane);
                    }
                }));
            }
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.put(laneOf.get(i), futures.get(i).get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                }
            }
            return results;
        } catch (InterruptedException e) {
            // stop the running checks (their commands see the interrupt and end), then let the caller see it
            pool.shutdownNow();
            Thread.currentThread().interrupt();
            throw new Interruption.Interrupted();
        } finally {
            pool.shutdownNow();
        }
    }

    private static Object call(Callable<Object> task) {
        try {
            return task.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
