package dev.rollbackshell.testing;

import java.io.IOException;

/**
 * The interpreter that {@code python3} on the PATH runs, found once per test JVM. On a
 * machine where {@code python3} is a launcher (pyenv's shims are shell scripts that start a
 * dozen processes per call), the tests' own Python helpers start the interpreter itself;
 * the tool under test finds it on its own (check/Interpreter).
 */
public final class Python {

    /** The interpreter's path, or {@code python3} when it cannot be asked. */
    public static final String EXE = find();

    private Python() {
    }

    private static String find() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)").start();
            String exe = new String(p.getInputStream().readAllBytes()).strip();
            return p.waitFor() == 0 && !exe.isEmpty() ? exe : "python3";
        } catch (IOException e) {
            return "python3";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "python3";
        }
    }
}
