package dev.rollbackshell.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What {@code init} finds in a project: its kind (Python, Maven, Gradle, npm), the layout of a
 * Python project (the runbook's own {@code src.} package, a {@code src/} layout, a flat
 * package), its tests and their runner, data files and log file. A project whose build
 * tool runs the tests is {@link BuildToolDetector}'s, a Python one {@link PythonDetector}'s;
 * what every kind shares (tests folder, data files, log file) is found here.
 */
public final class ProjectDetector {

    /**
     * @param kind        python, maven, gradle, npm or unknown
     * @param layout      python: runbook (imports {@code src.x} from the project root), src (src/ layout),
     *                    flat (packages at the top); null otherwise
     * @param pythonPath  PYTHONPATH that makes the working tree importable ("." or "src")
     * @param modules     modules the import check imports
     * @param runner      the test runner: pytest, unittest, maven, npm, or null
     * @param testCommand the command for maven and npm
     * @param testsDir    the tests folder, or null
     * @param dataGlobs   data files found ({@code data/metrics/*.json})
     */
    public record Detection(String kind, String layout, List<String> folders, String pythonPath, List<String> modules,
            String runner, List<String> testCommand, String testsDir, List<String> dataGlobs, String logFile,
            String processPattern, List<String> notes) {

        public boolean python() {
            return "python".equals(kind);
        }
    }

    private ProjectDetector() {
    }

    public static Detection detect(Path root) {
        String name = root.getFileName() == null ? "app" : root.getFileName().toString();
        String testsDir = Files.isDirectory(root.resolve("tests")) ? "tests" : Files.isDirectory(root.resolve("test")) ? "test" : null;
        List<String> data = dataGlobs(root);
        String log = logFile(root);
        Detection built = BuildToolDetector.detect(root, name, testsDir, data, log);
        if (built != null) {
            return built;
        }
        Detection python = PythonDetector.detect(root, name, testsDir, data, log);
        if (python != null) {
            return python;
        }
        List<String> folders = existing(root, "src", "tests", "test", "data");
        List<String> notes = new ArrayList<>(List.of("no Python, Maven or npm project recognised: fill in the test command"));
        return new Detection("unknown", null, folders.isEmpty() ? List.of("src") : folders, null, List.of(), null, null,
                testsDir, data, log, quote(name), notes);
    }

    /** True when the project looks like the runbook's own system (the built-in plan fits it). */
    public static boolean looksLikeRunbookProject(Path root) {
        return Files.isDirectory(root.resolve("src/batch_processor")) && Files.isRegularFile(root.resolve("src/iterative_refinement_system.py"));
    }

    static String quote(String name) {
        return name.replaceAll("[^A-Za-z0-9_-]", ".");
    }

    static List<String> existing(Path root, String... names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (Files.isDirectory(root.resolve(n), LinkOption.NOFOLLOW_LINKS)) {
                out.add(n);
            }
        }
        return out;
    }

    private static List<String> dataGlobs(Path root) {
        Path data = root.resolve("data");
        if (!Files.isDirectory(data, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        TreeMap<String, Integer> globs = new TreeMap<>();
        try (Stream<Path> s = Files.walk(data, 4)) {
            s.filter(Files::isRegularFile).forEach(p -> {
                String n = p.getFileName().toString();
                int dot = n.lastIndexOf('.');
                String ext = dot < 0 ? "" : n.substring(dot + 1);
                if (Set.of("json", "jsonl", "ndjson", "csv").contains(ext)) {
                    String dir = root.relativize(p.getParent()).toString().replace('\\', '/');
                    globs.merge(dir + "/*." + ext, 1, Integer::sum);
                }
            });
        } catch (IOException e) {
            return List.of();
        }
        return new ArrayList<>(new LinkedHashSet<>(globs.keySet())).subList(0, Math.min(5, globs.size()));
    }

    private static String logFile(Path root) {
        for (String dir : List.of("data/logs", "logs", "log")) {
            Path d = root.resolve(dir);
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.list(d)) {
                    var first = s.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().findFirst();
                    if (first.isPresent()) {
                        return root.relativize(first.get()).toString().replace('\\', '/');
                    }
                } catch (IOException e) {
                    // none
                }
            }
        }
        return null;
    }
}
