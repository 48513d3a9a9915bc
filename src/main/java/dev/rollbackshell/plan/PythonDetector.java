package dev.rollbackshell.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What {@code init} finds in a Python project: its layout (the runbook's own {@code src.}
 * package imported from the project root, a {@code src/} layout, a flat package) and the
 * PYTHONPATH that goes with it, the modules the import check imports, the folders to
 * protect, and the test runner (pytest when its configuration or pytest-style tests are
 * found, else unittest). The rest of a detection (data files, log file) is
 * {@link ProjectDetector}'s.
 */
final class PythonDetector {

    private static final Set<String> NOT_PACKAGES = Set.of("tests", "test", "docs", "doc", "examples", "scripts", "build",
            "dist", "data", "venv", ".venv", "node_modules", "target");
    private static final int MAX_MODULES = 40;

    private PythonDetector() {
    }

    /** The detection of a Python project; null when {@code root} holds no Python package, module or tests. */
    static ProjectDetector.Detection detect(Path root, String name, String testsDir, List<String> data, String log) {
        List<String> notes = new ArrayList<>();
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
            return null;
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
        return new ProjectDetector.Detection("python", layout, folders, pythonPath, modules, runner, null, testsDir, data, log,
                "python.*" + ProjectDetector.quote(name), notes);
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
}
