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
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What {@code init} finds in a project: its kind (Python, Maven, npm), the layout of a
 * Python project (the runbook's own {@code src.} package, a {@code src/} layout, a flat
 * package), its tests and their runner, data files and log file.
 */
public final class ProjectDetector {

    private static final Set<String> NOT_PACKAGES = Set.of("tests", "test", "docs", "doc", "examples", "scripts", "build",
            "dist", "data", "venv", ".venv", "node_modules", "target");
    private static final int MAX_MODULES = 40;

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
        List<String> notes = new ArrayList<>();
        String name = root.getFileName() == null ? "app" : root.getFileName().toString();
        String testsDir = Files.isDirectory(root.resolve("tests")) ? "tests" : Files.isDirectory(root.resolve("test")) ? "test" : null;
        List<String> data = dataGlobs(root);
        String log = logFile(root);
        if (Files.isRegularFile(root.resolve("pom.xml"))) {
            List<String> folders = existing(root, "src", "data");
            boolean wrapper = Files.isRegularFile(root.resolve("mvnw"));
            List<String> cmd = List.of(wrapper ? "./mvnw" : "mvn", "-q", "-B", "test");
            notes.add("Maven project: tests run with " + String.join(" ", cmd)
                    + (wrapper ? " (the project's own wrapper)" : "") + ", results read from target/surefire-reports");
            if (mentions(root.resolve("pom.xml"), "apache-rat-plugin")) {
                notes.add("Apache RAT checks every file: add <exclude>.rollback/**</exclude>, "
                        + "<exclude>redundancy_reduction_backups/**</exclude> and <exclude>rollback-plan.yml</exclude> "
                        + "to the apache-rat-plugin's <excludes> in pom.xml");
            }
            return new Detection("maven", null, folders.isEmpty() ? List.of("src") : folders, null, List.of(), "maven", cmd,
                    null, data, log, "java.*" + quote(name), notes);
        }
        if (Files.isRegularFile(root.resolve("build.gradle")) || Files.isRegularFile(root.resolve("build.gradle.kts"))) {
            List<String> folders = existing(root, "src", "data");
            boolean wrapper = Files.isRegularFile(root.resolve("gradlew"));
            List<String> cmd = List.of(wrapper ? "./gradlew" : "gradle", "test", "-q");
            notes.add("Gradle project: tests run with " + String.join(" ", cmd) + ", results read from build/test-results/test");
            notes.add("exclude the tool's folders from the build's file checks (Spotless, RAT...): "
                    + ".rollback/**, redundancy_reduction_backups/**, rollback-plan.yml");
            return new Detection("gradle", null, folders.isEmpty() ? List.of("src") : folders, null, List.of(), "command", cmd,
                    null, data, log, "java.*" + quote(name), notes);
        }
        if (Files.isRegularFile(root.resolve("package.json"))) {
            List<String> folders = existing(root, "src", "lib", "test", "tests", "data");
            notes.add("npm project: tests run with npm test (one result for the whole run)");
            return new Detection("npm", null, folders.isEmpty() ? List.of("src") : folders, null, List.of(), "npm",
                    List.of("npm", "test"), testsDir, data, log, "node.*" + quote(name), notes);
        }
        List<String> folders = new ArrayList<>();
        String layout = null;
        String pythonPath = null;
        List<String> modules = new ArrayList<>();
        Path src = root.resolve("src");
        if (Files.isDirectory(src) && Files.isRegularFile(src.resolve("__init__.py"))) {
            layout = "runbook";
            pythonPath = ".";
            folders.add("src");
            modules.addAll(modulesUnder(root, "src", "src"));
            notes.add("src/ is a package imported as src.… from the project root (the runbook's layout): PYTHONPATH=.");
        } else if (Files.isDirectory(src) && hasPython(src)) {
            layout = "src";
            pythonPath = "src";
            folders.add("src");
            for (String pkg : packagesIn(src)) {
                modules.addAll(modulesUnder(src, pkg, pkg));
            }
            modules.addAll(topModules(src));
            notes.add("src/ layout: PYTHONPATH=src, so the tests import the working tree, not an installed copy");
        } else {
            List<String> pkgs = packagesIn(root);
            if (!pkgs.isEmpty() || !topModules(root).isEmpty() || testsDir != null && hasPython(root.resolve(testsDir))) {
                layout = "flat";
                pythonPath = ".";
                folders.addAll(pkgs);
                for (String pkg : pkgs) {
                    modules.addAll(modulesUnder(root, pkg, pkg));
                }
                notes.add("flat layout: packages at the top of the project, PYTHONPATH=.");
            }
        }
        if (layout == null) {
            folders.addAll(existing(root, "src", "tests", "test", "data"));
            notes.add("no Python, Maven or npm project recognised: fill in the test command");
            return new Detection("unknown", null, folders.isEmpty() ? List.of("src") : folders, null, List.of(), null, null,
                    testsDir, data, log, quote(name), notes);
        }
        if (testsDir != null && !folders.contains(testsDir)) {
            folders.add(testsDir);
        }
        if (Files.isDirectory(root.resolve("data")) && !folders.contains("data")) {
            folders.add("data");
        }
        String runner = usesPytest(root, testsDir) ? "pytest" : "unittest";
        notes.add(runner.equals("pytest") ? "pytest configuration or pytest-style tests found: runner pytest (unittest when pytest is not installed)"
                : "unittest-style tests: runner unittest");
        if (modules.size() > MAX_MODULES) {
            notes.add(modules.size() + " modules found; the import check lists the first " + MAX_MODULES);
            modules = new ArrayList<>(modules.subList(0, MAX_MODULES));
        }
        return new Detection("python", layout, folders, pythonPath, modules, runner, null, testsDir, data, log,
                "python.*" + quote(name), notes);
    }

    /** Whether {@code file} contains {@code text} (false when it cannot be read). */
    private static boolean mentions(Path file, String text) {
        try {
            return Files.readString(file).contains(text);
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    /** True when the project looks like the runbook's own system (the built-in plan fits it). */
    public static boolean looksLikeRunbookProject(Path root) {
        return Files.isDirectory(root.resolve("src/batch_processor")) && Files.isRegularFile(root.resolve("src/iterative_refinement_system.py"));
    }

    private static String quote(String name) {
        return name.replaceAll("[^A-Za-z0-9_-]", ".");
    }

    private static List<String> existing(Path root, String... names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (Files.isDirectory(root.resolve(n), LinkOption.NOFOLLOW_LINKS)) {
                out.add(n);
            }
        }
        return out;
    }

    private static boolean hasPython(Path dir) {
        try (Stream<Path> s = Files.walk(dir, 3)) {
            return s.anyMatch(p -> p.toString().endsWith(".py"));
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> packagesIn(Path dir) {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && Files.isRegularFile(p.resolve("__init__.py")))
                    .map(p -> p.getFileName().toString())
                    .filter(n -> !NOT_PACKAGES.contains(n) && !n.startsWith("."))
                    .sorted().forEach(out::add);
        } catch (IOException e) {
            // none
        }
        return out;
    }

    private static List<String> topModules(Path dir) {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".py"))
                    .map(p -> p.getFileName().toString().replaceAll("\\.py$", ""))
                    .filter(n -> !n.equals("setup") && !n.equals("conftest") && !n.startsWith("test_") && !n.equals("__init__")
                            && !n.equals("__main__") && n.matches("[A-Za-z_]\\w*"))
                    .sorted().forEach(out::add);
        } catch (IOException e) {
            // none
        }
        return out;
    }

    /** Dotted module names of the package folder {@code base/rel}, the package itself first. */
    private static List<String> modulesUnder(Path base, String rel, String dotted) {
        Set<String> out = new TreeSet<>();
        Path dir = base.resolve(rel);
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(p -> p.toString().endsWith(".py") && Files.isRegularFile(p)).forEach(p -> {
                String r = dir.relativize(p).toString().replace('\\', '/').replaceAll("\\.py$", "");
                if (r.contains("__pycache__") || r.endsWith("__main__") || r.contains("/test") || r.startsWith("test")) {
                    return;
                }
                if (r.endsWith("__init__")) {
                    r = r.substring(0, Math.max(0, r.length() - "__init__".length() - 1));
                }
                String mod = r.isEmpty() ? dotted : dotted + "." + r.replace('/', '.');
                if (mod.matches("[A-Za-z_][\\w.]*")) {
                    out.add(mod);
                }
            });
        } catch (IOException e) {
            // none
        }
        List<String> list = new ArrayList<>(out);
        list.remove(dotted);
        if (Files.isRegularFile(dir.resolve("__init__.py"))) {
            list.add(0, dotted);
        }
        return list;
    }

    private static boolean usesPytest(Path root, String testsDir) {
        for (String f : List.of("pytest.ini", "conftest.py")) {
            if (Files.isRegularFile(root.resolve(f))) {
                return true;
            }
        }
        if (testsDir != null && Files.isRegularFile(root.resolve(testsDir).resolve("conftest.py"))) {
            return true;
        }
        if (contains(root.resolve("pyproject.toml"), "[tool.pytest") || contains(root.resolve("setup.cfg"), "[tool:pytest]")
                || contains(root.resolve("tox.ini"), "[pytest]")) {
            return true;
        }
        if (testsDir == null) {
            return false;
        }
        try (Stream<Path> s = Files.walk(root.resolve(testsDir), 4)) {
            return s.filter(p -> p.getFileName().toString().matches("test_.*\\.py|.*_test\\.py"))
                    .anyMatch(p -> {
                        String t = read(p);
                        return t.contains("import pytest") || t.contains("from pytest")
                                || t.matches("(?s).*(^|\\n)def test_\\w*\\(.*") && !t.contains("unittest");
                    });
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean contains(Path f, String text) {
        return Files.isRegularFile(f) && read(f).contains(text);
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException | java.io.UncheckedIOException e) {
            return "";
        }
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
