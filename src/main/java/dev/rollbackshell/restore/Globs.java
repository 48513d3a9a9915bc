package dev.rollbackshell.restore;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Clean-up patterns such as {@code **}{@code /*.pyc} and {@code **}{@code /__pycache__}:
 * a pattern with a slash matches the project-relative path ({@code **}{@code /} also
 * matching nothing), one without matches a file or folder name at any depth. A path
 * matches when it or one of its folders does.
 */
public final class Globs {

    private final List<PathMatcher> pathMatchers = new ArrayList<>();
    private final List<PathMatcher> nameMatchers = new ArrayList<>();
    private final List<String> patterns;
    private final java.util.Set<String> names = new java.util.HashSet<>();
    private final List<String> suffixes = new ArrayList<>();
    private final java.util.Map<String, Boolean> memo = new java.util.HashMap<>();

    public Globs(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
        var fs = FileSystems.getDefault();
        for (String p : patterns) {
            String name = p.startsWith("**/") ? p.substring(3) : p;
            if (!name.contains("/") && isSimple(name)) {
                // the usual patterns (**/*.pyc, **/__pycache__, *.log): plain string tests on the name
                if (name.startsWith("*")) {
                    suffixes.add(name.substring(1));
                } else {
                    names.add(name);
                }
            } else if (p.contains("/")) {
                pathMatchers.add(fs.getPathMatcher("glob:" + p));
                if (p.startsWith("**/")) {
                    pathMatchers.add(fs.getPathMatcher("glob:" + p.substring(3)));
                }
            } else {
                nameMatchers.add(fs.getPathMatcher("glob:" + p));
            }
        }
    }

    public List<String> patterns() {
        return patterns;
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** A name pattern that is a literal, or {@code *} then a literal. */
    private static boolean isSimple(String name) {
        String rest = name.startsWith("*") ? name.substring(1) : name;
        return !rest.isEmpty() && rest.chars().noneMatch(c -> "*?[]{}\\".indexOf(c) >= 0);
    }

    /** True when the path itself matches a pattern. */
    public boolean matchesItself(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (names.contains(name)) {
            return true;
        }
        for (String suffix : suffixes) {
            if (name.endsWith(suffix)) {
                return true;
            }
        }
        if (pathMatchers.isEmpty() && nameMatchers.isEmpty()) {
            return false;
        }
        Path p = Path.of(path);
        for (PathMatcher m : pathMatchers) {
            if (m.matches(p)) {
                return true;
            }
        }
        Path fileName = p.getFileName();
        for (PathMatcher m : nameMatchers) {
            if (fileName != null && m.matches(fileName)) {
                return true;
            }
        }
        return false;
    }

    /** True when the path or one of its folders matches a pattern (folders' answers are remembered). */
    public boolean matches(String path) {
        if (path.isEmpty() || patterns.isEmpty()) {
            return false;
        }
        Boolean known = memo.get(path);
        if (known != null) {
            return known;
        }
        boolean m = matchesItself(path) || matches(Paths.parent(path));
        memo.put(path, m);
        return m;
    }
}
