package dev.rollbackshell.check;

import dev.rollbackshell.plan.Plan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tries Python imports as the plan's import check would run them: the plan's interpreter and
 * environment ({@link CheckSuite#environment}), the project as working folder, one process
 * for all modules, no byte code written. {@code init} uses it to leave out of the plan the
 * modules that fail to import here already (a platform-only module), see docs/plan.md, "init".
 */
public final class ImportTrial {

    /** Prints "module TAB error" for each module that does not import. */
    private static final String SCRIPT = String.join("\n",
            "import importlib, sys",
            "for m in sys.argv[1:]:",
            "    try:",
            "        importlib.import_module(m)",
            "    except BaseException as e:",
            "        print(m + '\\t' + type(e).__name__ + ': ' + str(e).replace('\\n', ' '), flush=True)");
    private static final int TIMEOUT_SECONDS = 120;

    private ImportTrial() {
    }

    /** The modules that fail to import, in the order given, each with its error; empty when the trial itself cannot run. */
    public static Map<String, String> failing(Plan plan, Path root, List<String> modules) {
        Map<String, String> out = new LinkedHashMap<>();
        if (modules.isEmpty()) {
            return out;
        }
        List<String> argv = new ArrayList<>(List.of(plan.pythonExe(), "-c", SCRIPT));
        argv.addAll(modules);
        ProcessResult r = CommandRunner.run(argv, root, CheckSuite.environment(plan), TIMEOUT_SECONDS);
        if (r.startError() != null || r.timedOut()) {
            return out;
        }
        for (String line : r.output().split("\\R")) {
            String[] parts = line.split("\t", 2);
            if (parts.length == 2 && modules.contains(parts[0])) {
                out.put(parts[0], parts[1]);
            }
        }
        return out;
    }
}
