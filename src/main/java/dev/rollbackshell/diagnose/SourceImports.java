package dev.rollbackshell.diagnose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one import parser (the Diagnoser and the Suggester read imports here only). What a
 * failing test's source imports (Python {@code import}/{@code from ... import}, Java
 * {@code import} and its own package): when a test fails on an assertion, no traceback
 * names the code at fault, but the changed files it imports are the first suspects.
 */
final class SourceImports {

    private static final Pattern PY_IMPORT = Pattern.compile("(?m)^\\s*(?:from\\s+([\\w.]+)\\s+import|import\\s+([\\w.]+))");
    private static final Pattern JAVA_IMPORT = Pattern.compile("(?m)^\\s*import\\s+(?:static\\s+)?([\\w.]+)\\s*;");
    private static final Pattern JAVA_PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");

    private SourceImports() {
    }

    /** The project file of a test id, looked for under the test folders ({@code tests.test_a.T.t} → {@code tests/test_a.py}). */
    static String testFile(String testId, String file, List<String> testDirs, Set<String> known, Path root) {
        if (file != null) {
            String f = file.replace('\\', '/');
            if (known.contains(f) || Files.isRegularFile(root.resolve(f))) {
                return f;
            }
        }
        String[] parts = testId.split("\\.");
        for (int n = parts.length; n > 0; n--) {
            String rel = String.join("/", java.util.Arrays.copyOf(parts, n));
            List<String> candidates = new ArrayList<>();
            candidates.add(rel + ".py");
            candidates.add(rel + ".java");
            for (String d : testDirs) {
                candidates.add(d + "/" + rel + ".py");
                candidates.add(d + "/" + rel + ".java");
            }
            for (String c : candidates) {
                if (Files.isRegularFile(root.resolve(c))) {
                    return c;
                }
            }
        }
        return null;
    }

    /** What {@code file} imports, and what those import, {@code depth} levels deep (Python files as they are now). */
    static Set<String> closure(String file, Path root, FileReferences refs, Set<String> known, int depth) {
        Set<String> out = new LinkedHashSet<>();
        List<String> level = List.of(file);
        for (int d = 0; d < depth && !level.isEmpty(); d++) {
            List<String> next = new ArrayList<>();
            for (String f : level) {
                for (String dep : of(f, root, refs, known)) {
                    if (!dep.equals(file) && out.add(dep) && dep.endsWith(".py")) {
                        next.add(dep);
                    }
                }
            }
            level = next;
        }
        return out;
    }

    /** The modules a Python source imports ({@code import a.b}, {@code from a.b import c}), in order, once each. */
    static Set<String> pythonModules(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = PY_IMPORT.matcher(text);
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return out;
    }

    /** Project files that {@code file} imports (only those that exist or existed). */
    static Set<String> of(String file, Path root, FileReferences refs, Set<String> known) {
        Set<String> out = new LinkedHashSet<>();
        String text;
        try {
            text = Files.readString(root.resolve(file));
        } catch (IOException e) {
            return out;
        }
        if (file.endsWith(".py")) {
            for (String module : pythonModules(text)) {
                out.addAll(refs.moduleFiles(module));
            }
        } else if (file.endsWith(".java")) {
            List<String> classes = new ArrayList<>();
            Matcher m = JAVA_IMPORT.matcher(text);
            while (m.find()) {
                classes.add(m.group(1).replace('.', '/') + ".java");
            }
            Matcher p = JAVA_PACKAGE.matcher(text);
            String pkgDir = p.find() ? p.group(1).replace('.', '/') + "/" : "";
            for (String k : known) {
                for (String c : classes) {
                    if (k.endsWith("/" + c)) {
                        out.add(k);
                    }
                }
                if (!pkgDir.isEmpty() && k.endsWith(".java") && k.contains("/" + pkgDir)
                        && k.substring(k.indexOf("/" + pkgDir) + pkgDir.length() + 1).indexOf('/') < 0) {
                    out.add(k);
                }
            }
        }
        out.remove(file);
        return out;
    }
}
