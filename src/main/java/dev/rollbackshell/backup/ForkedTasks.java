package dev.rollbackshell.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The threads of {@link TreeCopier}: a fork/join pool whose tasks fork others and never
 * join them (a join can run them inline, one stack frame chain per level: folders hundreds
 * deep overflowed the stack); the pool is awaited until no task is left instead. The first
 * failure of any task is kept, makes the tasks still to run stop early ({@link #failed}),
 * and is thrown by {@link #run} once the pool is shut down and its workers are done, so no
 * worker still writes into a copy that is deleted next.
 */
final class ForkedTasks {

    /** How {@link #run} is given its first tasks: {@code submit} takes each. */
    @FunctionalInterface
    interface Start {
        void start(Consumer<IoWork> submit) throws IOException;
    }

    private final int threads;
    /** Tasks submitted or forked and not yet finished; {@link #run} waits for none to be left. */
    private final AtomicInteger pending = new AtomicInteger();
    private volatile boolean failed;
    /** The first failure of any task: tasks are forked and never joined, so they report here. */
    private final java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();

    ForkedTasks(int threads) {
        this.threads = threads;
    }

    /** Runs the tasks {@code start} submits and every task they fork, until none is left; throws the first failure. */
    void run(Start start) throws IOException {
        AtomicInteger named = new AtomicInteger();
        ForkJoinPool pool = new ForkJoinPool(threads, p -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName("backup-copy-" + named.getAndIncrement()); // its pool index is not set until it runs
            t.setDaemon(true);
            return t;
        }, null, false);
        try {
            start.start(work -> {
                pending.incrementAndGet();
                pool.submit(task(work));
            });
            synchronized (pending) {
                while (pending.get() > 0) {
                    pending.wait(1000);
                }
            }
            Throwable first = failure.get();
            if (first instanceof UncheckedIOException u) {
                throw u;
            } else if (first instanceof RuntimeException r) {
                throw r;
            } else if (first instanceof Error err) {
                throw err;
            }
        } catch (InterruptedException e) {
            failed = true;
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("backup interrupted");
        } catch (UncheckedIOException e) {
            failed = true;
            throw e.getCause();
        } catch (RuntimeException | Error e) {
            failed = true;
            throw e;
        } finally {
            pool.shutdownNow();
            try { // a failed copy is deleted next: no worker may still be writing into it
                pool.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** True once a task failed: the work is abandoned. */
    boolean failed() {
        return failed;
    }

    @FunctionalInterface
    interface IoWork {
        void run() throws IOException;
    }

    private ForkJoinTask<Void> task(IoWork work) {
        return ForkJoinTask.adapt(() -> {
            try {
                if (!failed) { // else another part failed: the backup is abandoned, stop early
                    work.run();
                }
            } catch (IOException e) {
                failed = true;
                failure.compareAndSet(null, new UncheckedIOException(e));
            } catch (RuntimeException | Error e) {
                failed = true;
                failure.compareAndSet(null, e);
            } finally {
                if (pending.decrementAndGet() == 0) {
                    synchronized (pending) {
                        pending.notifyAll();
                    }
                }
            }
            return null;
        });
    }

    /** Runs {@code work} as a task of its own, never joined: {@link #run} waits for every one. */
    void fork(IoWork work) {
        pending.incrementAndGet();
        task(work).fork();
    }
}
