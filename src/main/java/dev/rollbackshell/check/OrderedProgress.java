package dev.rollbackshell.check;

import java.util.ArrayList;
import java.util.List;

/**
 * Progress of checks that run at the same time, printed in the plan's order: each check
 * writes into its own lane; the first lane not yet finished prints as it goes, the lanes
 * after it are held back and printed, in order, as soon as every lane before them has
 * finished. So the lines read the same whatever order the checks end in, and the one
 * running longest (the test suite, last in the plan's order) still shows its progress live.
 */
final class OrderedProgress {

    private final Progress out;
    private final List<List<String>> held = new ArrayList<>();
    private final boolean[] finished;
    private int head;

    OrderedProgress(Progress out, int lanes) {
        this.out = out;
        this.finished = new boolean[lanes];
        for (int i = 0; i < lanes; i++) {
            held.add(new ArrayList<>());
        }
    }

    /** Where lane {@code i} says what it does. */
    Progress lane(int i) {
        return message -> say(i, message);
    }

    private synchronized void say(int lane, String message) {
        if (lane == head) {
            out.say(message);
        } else {
            held.get(lane).add(message);
        }
    }

    /** Lane {@code i} has said all it will; prints the held lines that may now follow. */
    synchronized void done(int lane) {
        finished[lane] = true;
        while (head < finished.length && finished[head]) {
            head++;
            if (head < finished.length) {
                held.get(head).forEach(out::say);
                held.get(head).clear();
            }
        }
    }
}
