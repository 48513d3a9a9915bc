package dev.rollbackshell.check;

import dev.rollbackshell.plan.Plan;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Python interpreter one check run starts, found once for the whole run. A bare name
 * ({@code python3}) found on the PATH may be a launcher rather than the interpreter:
 * pyenv's shims are shell scripts that start a dozen processes to choose a version, about
 * 0.3 s per start, and a check run starts the interpreter a dozen times. The launcher is
 * asked once which interpreter it runs ({@code sys.executable}), in the folder the checks
 * run in, with their environment, and that interpreter's folder goes first on the checks'
 * PATH, as {@code pyenv exec} itself does. Every check of the run then starts the same
 * interpreter, even if the launcher's choice changes while the run goes on; the commands
 * shown and recorded stay the plan's ({@code python3 -m pytest ...}).
 *
 * <p>An {@code Interpreter} is one run's answer: made with {@link #of} for the folder the run
 * is about (the project, or a scratch copy), handed to every {@link CheckSuite} of the run
 * (for a diagnose or verify: the baseline computed from a backup's copies, the checks now,
 * the cache's performance-only run; for {@code backup create}: the baseline), it asks the
 * launcher on first use and never again (docs/architecture.md, the check package).
 */
public final class Interpreter {

    private static final String WHERE = "import sys; print(sys.executable)";

    private final Path dir;
    private String python;
    private Map<String, String> plain;
    private Map<String, String> resolved;

    private Interpreter(Path dir) {
        this.dir = dir;
    }

    /** The interpreter of one check run about {@code dir}; nothing is asked until a suite needs it. */
    public static Interpreter of(Path dir) {
        return new Interpreter(dir);
    }

    /**
     * The environment of the plan's checks in this run: {@link CheckSuite#environment} with the
     * launcher resolved ({@link #environment(String, Path, Map)}), asked on the first call; a
     * later call for the same interpreter and environment gets the same answer.
     */
    synchronized Map<String, String> environment(Plan plan) {
        Map<String, String> env = CheckSuite.environment(plan);
        if (resolved == null || !plan.pythonExe().equals(python) || !env.equals(plain)) {
            python = plan.pythonExe();
            plain = env;
            resolved = environment(python, dir, env);
        }
        return resolved;
    }

    /**
     * {@code env} with the real interpreter's folder first on its PATH when {@code python}
     * is a bare name that the PATH resolves to a launcher; {@code env} itself otherwise (a
     * path such as {@code .venv/bin/python}, an interpreter that is not found or does not
     * answer, or one that is already the interpreter).
     */
    static Map<String, String> environment(String python, Path dir, Map<String, String> env) {
        if (python.contains("/")) {
            return env;
        }
        String path = env.containsKey("PATH") ? env.get("PATH") : System.getenv("PATH");
        Path found = CommandRunner.which(python, path);
        if (found == null) {
            return env;
        }
        ProcessResult r = CommandRunner.run(List.of(found.toString(), "-c", WHERE), dir, env, 60);
        if (!r.ok()) {
            return env;
        }
        String printed = r.output().strip();
        if (printed.isEmpty() || printed.contains("\n")) {
            return env;
        }
        Path real = Path.of(printed);
        Path folder = real.getParent();
        try {
            if (!real.isAbsolute() || folder == null || folder.equals(found.getParent())
                    || !Files.isExecutable(folder.resolve(python)) || Files.isSameFile(found, real)) {
                return env;
            }
        } catch (IOException e) {
            return env;
        }
        Map<String, String> withPath = new HashMap<>(env);
        withPath.put("PATH", path == null || path.isEmpty() ? folder.toString() : folder + File.pathSeparator + path);
        return withPath;
    }
}
