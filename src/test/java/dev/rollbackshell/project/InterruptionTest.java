package dev.rollbackshell.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class InterruptionTest {

    /** A thread whose interrupts go through {@link Interruption#holdBack}, like the shell's command thread. */
    static final class Held extends Thread {
        Held(Runnable r) {
            super(r);
        }

        @Override
        public void interrupt() {
            if (!Interruption.holdBack(this)) {
                super.interrupt();
            }
        }
    }

    @Test
    void anInterruptDuringAnAtomicStepArrivesWhenTheStepIsDone() throws Exception {
        AtomicBoolean interruptedInside = new AtomicBoolean(true);
        AtomicBoolean interruptedAfter = new AtomicBoolean();
        Thread[] self = new Thread[1];
        Held t = new Held(() -> {
            Interruption.atomically(() -> {
                self[0].interrupt(); // Ctrl-C in the middle of the step
                interruptedInside.set(Thread.currentThread().isInterrupted());
                return null;
            });
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        self[0] = t;
        t.start();
        t.join(10_000);
        assertThat(interruptedInside).isFalse();
        assertThat(interruptedAfter).isTrue();
    }

    @Test
    void outsideAnAtomicStepTheInterruptIsImmediateAndCheckStops() throws Exception {
        AtomicBoolean stopped = new AtomicBoolean();
        Held t = new Held(() -> {
            Thread.currentThread().interrupt();
            try {
                Interruption.check();
            } catch (Interruption.Interrupted e) {
                stopped.set(e.exitStatus() == Interruption.STATUS && e.getMessage().contains("nothing recorded"));
            }
        });
        t.start();
        t.join(10_000);
        assertThat(stopped).isTrue();
    }

    @Test
    void checkPassesWhenNotInterrupted() {
        Interruption.check();
        assertThat(Interruption.atomically(() -> 42)).isEqualTo(42);
        assertThatThrownBy(() -> Interruption.atomically(() -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        Interruption.check(); // a failed step leaves no interrupt behind
    }
}
