package dev.rollbackshell.check;

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
 */
final class Interpreter {

    private static final String WHERE = "import sys; print(sys.executable)";

    private Interpreter() {
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
