package dev.rollbackshell.diagnose;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the project files that failure output names: Python tracebacks
 * ({@code File "src/a.py", line 3}, pytest's {@code src/a.py:3: in f}), missing modules
 * ({@code No module named 'src.a'}, {@code cannot import name 'X' from 'src.a' (/…/src/a.py)}),
 * Java stack traces ({@code at a.b.C.m(C.java:12)}, mapped to the source file by package; Surefire's),
 * compiler errors (Maven's {@code [ERROR] /…/B.java:[12,5]}, javac's {@code B.java:12: error:},
 * kotlinc's {@code e: file:///…/A.kt:12:5}, and the class of javac's {@code location:} line),
 * JavaScript stack frames ({@code (src/a.js:3:7)}). Only paths inside the project count.
 */
public final class FileReferences {

    private static final Pattern PY_FRAME = Pattern.compile("File \"([^\"]+)\", line (\\d+)");
    private static final Pattern PY_SHORT = Pattern.compile("(?m)^\\s*([^\\s:\"'()]+\\.py):(\\d+):");
    private static final Pattern NO_MODULE = Pattern.compile("No module named '([\\w.]+)'");
    private static final Pattern CANNOT_IMPORT = Pattern.compile("cannot import name '(\\w+)' from '([\\w.]+)'(?: \\(([^)]+)\\))?");
    private static final Pattern JAVA_FRAME = Pattern.compile("at ((?:[\\w$]+\\.)+)[\\w$<>]+\\(([\\w$]+\\.(?:java|kt|groovy|scala)):(\\d+)\\)");
    /** Maven's compiler: {@code [ERROR] /abs/src/main/java/a/B.java:[12,5] cannot find symbol}; Kotlin's {@code file:///…/A.kt: (12, 5)}. */
    private static final Pattern MAVEN_ERROR = Pattern.compile(
            "\\[(?:ERROR|WARNING)\\]\\s+(?:file://)?((?:[A-Za-z]:)?[^\\s\\[]+?\\.(?:java|kt|scala|groovy)):?\\s*[\\[(](\\d+),\\s*(\\d+)[\\])]");
    /** javac under Gradle or plain: {@code /abs/src/main/java/a/B.java:12: error: cannot find symbol}. */
    private static final Pattern JAVAC_ERROR = Pattern.compile("(?m)^((?:[A-Za-z]:)?[^\\s:]+\\.java):(\\d+): error:");
    /** kotlinc under Gradle: {@code e: file:///abs/src/main/kotlin/A.kt:12:5 Unresolved reference}. */
    private static final Pattern KOTLIN_ERROR = Pattern.compile("(?m)^e: (?:file://)?((?:[A-Za-z]:)?[^\\s:]+\\.kts?):(?: \\()?(\\d+)[:,] ?(\\d+)");
    /** javac's {@code location: variable adder of type a.b.Adder} / {@code location: class a.b.C}: the class the error is about. */
    private static final Pattern JAVA_LOCATION = Pattern.compile("location: (?:[\\w ]+ of type |class |interface |enum |record )((?:[a-z_][\\w]*\\.)+[A-Z][\\w$]*)");
    private static final Pattern JS_FRAME = Pattern.compile("\\(?((?:/|\\./|\\.\\./)?[\\w@.\\-/]+\\.(?:js|mjs|cjs|ts|tsx|jsx)):(\\d+):(\\d+)\\)?");

    private final Path root;
    private final List<Path> otherRoots;
    private final List<String> pythonRoots;
    private final Set<String> known;

    /**
     * @param root        the project
     * @param otherRoots  folders whose paths also map onto the project (scratch copies)
     * @param pythonRoots import roots, project-relative ("" for the project itself, "src"...)
     * @param known       project-relative paths that exist now or in the backup
     */
    public FileReferences(Path root, List<Path> otherRoots, List<String> pythonRoots, Set<String> known) {
        this.root = root;
        this.otherRoots = otherRoots;
        this.pythonRoots = pythonRoots;
        this.known = known;
    }

    /** Project-relative paths named in {@code text}, each with the way it was named. */
    public Map<String, String> find(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        Matcher m = PY_FRAME.matcher(text);
        while (m.find()) {
            add(out, toProject(m.group(1)), "traceback line " + m.group(2));
        }
        m = PY_SHORT.matcher(text);
        while (m.find()) {
            add(out, toProject(m.group(1)), "traceback line " + m.group(2));
        }
        m = NO_MODULE.matcher(text);
        while (m.find()) {
            for (String p : moduleFiles(m.group(1))) {
                add(out, p, "module " + m.group(1) + " not found");
            }
        }
        m = CANNOT_IMPORT.matcher(text);
        while (m.find()) {
            String p = m.group(3) == null ? null : toProject(m.group(3));
            if (p != null) {
                add(out, p, "'" + m.group(1) + "' cannot be imported from it");
            } else {
                for (String f : moduleFiles(m.group(2))) {
                    add(out, f, "'" + m.group(1) + "' cannot be imported from it");
                }
            }
        }
        m = JAVA_FRAME.matcher(text);
        while (m.find()) {
            String pkg = m.group(1).substring(0, m.group(1).length() - 1);
            int cut = pkg.lastIndexOf('.');
            String dir = cut < 0 ? "" : pkg.substring(0, cut).replace('.', '/');
            String suffix = (dir.isEmpty() ? "" : dir + "/") + m.group(2);
            for (String k : known) {
                if (k.equals(suffix) || k.endsWith("/" + suffix)) {
                    add(out, k, "stack trace line " + m.group(3));
                }
            }
        }
        for (Pattern compiler : List.of(MAVEN_ERROR, JAVAC_ERROR, KOTLIN_ERROR)) {
            m = compiler.matcher(text);
            while (m.find()) {
                add(out, toProject(m.group(1)), "compiler error line " + m.group(2));
            }
        }
        m = JAVA_LOCATION.matcher(text);
        while (m.find()) {
            String cls = m.group(1);
            String suffix = cls.replace('.', '/').replaceAll("\\$.*", "") + ".java";
            for (String k : known) {
                if (k.equals(suffix) || k.endsWith("/" + suffix)) {
                    add(out, k, "the compiler's error is about " + cls.substring(cls.lastIndexOf('.') + 1));
                }
            }
        }
        m = JS_FRAME.matcher(text);
        while (m.find()) {
            add(out, toProject(m.group(1)), "stack frame line " + m.group(2));
        }
        return out;
    }

    private static void add(Map<String, String> out, String path, String how) {
        if (path != null) {
            out.putIfAbsent(path, how);
        }
    }

    /** A path as printed (absolute, or relative to where the command ran) as a project path, or null. */
    String toProject(String printed) {
        Path p = Path.of(printed);
        if (p.isAbsolute()) {
            Path n = p.normalize();
            if (n.startsWith(root)) {
                return slash(root.relativize(n));
            }
            for (Path other : otherRoots) {
                if (n.startsWith(other)) {
                    return slash(other.relativize(n));
                }
            }
            return null;
        }
        Path n = p.normalize();
        if (n.startsWith("..") || n.toString().isEmpty()) {
            return null;
        }
        String rel = slash(n);
        return known.contains(rel) || Files.exists(root.resolve(rel)) ? rel : null;
    }

    /** The files a dotted module name may live in, under each import root. */
    public List<String> moduleFiles(String module) {
        String rel = module.replace('.', '/');
        Set<String> out = new LinkedHashSet<>();
        for (String r : pythonRoots) {
            String base = r.isEmpty() ? rel : r + "/" + rel;
            for (String candidate : List.of(base + ".py", base + "/__init__.py")) {
                if (known.contains(candidate) || Files.isRegularFile(root.resolve(candidate))) {
                    out.add(candidate);
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static String slash(Path p) {
        return p.toString().replace('\\', '/');
    }
}
