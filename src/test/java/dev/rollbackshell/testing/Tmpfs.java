package dev.rollbackshell.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** A small real file system (tmpfs) mounted for a test; the test is skipped where mounting is not allowed. */
public final class Tmpfs {

    private Tmpfs() {
    }

    /** Mounts a tmpfs of {@code size} ({@code 8m}) on {@code at}, or skips the test, saying why. */
    public static void mountOrSkip(Path at, String size) throws InterruptedException {
        String out;
        boolean ok;
        try {
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", at.toString())
                    .redirectErrorStream(true).start();
            out = new String(p.getInputStream().readAllBytes());
            ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            out = "no mount command: " + e.getMessage();
            ok = false;
        }
        Assumptions.assumeTrue(ok, "skipped: cannot mount a tmpfs on " + at + " (needs root and mount rights): "
                + out.strip());
    }

    /** Unmounts it; lazily when it is still busy. */
    public static void unmount(Path at) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("umount", at.toString()).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            new ProcessBuilder("umount", "-l", at.toString()).start().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
