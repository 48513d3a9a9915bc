package dev.rollbackshell.diagnose;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rollbackshell.check.CheckSuite;
import dev.rollbackshell.check.CommandRunner;
import dev.rollbackshell.check.ProcessResult;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.plan.Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Changed files that no longer parse (docs/plan.md, "diagnose"): Python sources compiled by
 * the plan's interpreter (all in one process, nothing written), JSON and YAML read by
 * Jackson. Each is given with the line of its error. A modified file whose copy in the
 * backup does not parse either (Python 2 code, a template) is left out: it did not break.
 */
final class ParseErrors {

    /** Prints "path TAB line TAB error" for each file that does not compile; writes no byte code. */
    private static final String COMPILE = String.join("\n",
            "import sys",
            "for f in sys.argv[1:]:",
            "    try:",
            "        with open(f, 'rb') as h:",
            "            src = h.read()",
            "        compile(src, f, 'exec', dont_inherit=True)",
            "    except SyntaxError as e:",
            "        print(f + '\\t' + str(e.lineno or 0) + '\\t' + type(e).__name__ + ': ' + str(e.msg), flush=True)",
            "    except (ValueError, OSError) as e:",
            "        print(f + '\\t0\\t' + type(e).__name__ + ': ' + str(e), flush=True)");
    private static final int TIMEOUT_SECONDS = 60;

    private ParseErrors() {
    }

    /**
     * The files among {@code files} (project-relative) that do not parse now, each with its
     * error ("line 12: SyntaxError: invalid syntax").
     *
     * @param inBackup the backup's copy of a path, or null (added since): a copy that does not parse either excuses it
     */
    static Map<String, String> find(Plan plan, Path root, List<String> files, Function<String, Path> inBackup) {
        Map<String, String> now = errors(plan, root, files, root::resolve);
        if (now.isEmpty()) {
            return now;
        }
        List<String> withCopy = now.keySet().stream().filter(f -> copy(inBackup, f) != null).toList();
        Map<String, String> then = errors(plan, root, withCopy, f -> copy(inBackup, f));
        Map<String, String> out = new LinkedHashMap<>();
        now.forEach((f, e) -> {
            if (!then.containsKey(f)) {
                out.put(f, e);
            }
        });
        return out;
    }

    private static Path copy(Function<String, Path> inBackup, String f) {
        Path p = inBackup.apply(f);
        return p != null && Files.isRegularFile(p) ? p : null;
    }

    /** Whether a path is of a kind this class reads. */
    static boolean parsable(String path) {
        return path.endsWith(".py") || path.endsWith(".json") || path.endsWith(".yaml") || path.endsWith(".yml");
    }

    private static Map<String, String> errors(Plan plan, Path root, List<String> files, Function<String, Path> where) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> python = new ArrayList<>();
        Map<String, String> byArg = new LinkedHashMap<>();
        for (String f : files) {
            Path p = where.apply(f);
            if (p == null || !Files.isRegularFile(p)) {
                continue;
            }
            if (f.endsWith(".py")) {
                String arg = p.toAbsolutePath().toString();
                python.add(arg);
                byArg.put(arg, f);
            } else if (f.endsWith(".json")) {
                String e = json(p);
                if (e != null) {
                    out.put(f, e);
                }
            } else if (f.endsWith(".yaml") || f.endsWith(".yml")) {
                String e = yaml(p);
                if (e != null) {
                    out.put(f, e);
                }
            }
        }
        if (!python.isEmpty()) {
            List<String> argv = new ArrayList<>(List.of(plan.pythonExe(), "-c", COMPILE));
            argv.addAll(python);
            ProcessResult r = CommandRunner.run(argv, root, CheckSuite.environment(plan), TIMEOUT_SECONDS);
            if (r.startError() == null && !r.timedOut()) {
                for (String line : r.output().split("\\R")) {
                    String[] parts = line.split("\t", 3);
                    if (parts.length == 3 && byArg.containsKey(parts[0])) {
                        out.put(byArg.get(parts[0]), (parts[1].equals("0") ? "" : "line " + parts[1] + ": ") + parts[2]);
                    }
                }
            }
        }
        return out;
    }

    private static String json(Path p) {
        try {
            Json.MAPPER.readTree(Files.readAllBytes(p));
            return null;
        } catch (JsonProcessingException e) {
            return located(e);
        } catch (IOException e) {
            return null; // unreadable: not a parse error
        }
    }

    private static String yaml(Path p) {
        try (JsonParser parser = new YAMLFactory().createParser(Files.readAllBytes(p))) {
            while (parser.nextToken() != null) {
                // reading every token is parsing the whole stream (all its documents)
            }
            return null;
        } catch (JsonProcessingException e) {
            return located(e);
        } catch (IOException e) {
            return null;
        }
    }

    private static String located(JsonProcessingException e) {
        String msg = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("").strip();
        int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
        return (line > 0 ? "line " + line + ": " : "") + msg;
    }
}
