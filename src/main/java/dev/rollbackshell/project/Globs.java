package dev.rollbackshell.project;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Glob matching over project-relative paths.
 *
 * <p>The static methods match one glob at a time (the plan's data globs, scenario restore
 * paths, paths given to a restore): {@code *} stays within one folder.
 *
 * <p>An instance is a set of clean-up patterns such as {@code **}{@code /*.pyc} and
 * {@code **}{@code /__pycache__}: a pattern with a slash matches the project-relative path
 * ({@code **}{@code /} also matching nothing), one without matches a file or folder name at
 * any depth. A path matches when it or one of its folders does.
 */
public final class Globs {

    private static final Map<String, PathMatcher> MATCHERS = new ConcurrentHashMap<>();

    public static boolean isGlob(String pattern) {
        return pattern.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    /** The matcher of a glob (compiled once). */
    public static PathMatcher matcher(String glob) {
        return MATCHERS.computeIfAbsent(glob, g -> FileSystems.getDefault().getPathMatcher("glob:" + g));
    }

    public static boolean matches(String glob, String path) {
        return matcher(glob).matches(Path.of(path));
    }

    /** Files under {@code dir} matching {@code glob} (project-relative), sorted; links not followed. */
    public static List<String> files(Path dir, String glob) {
        String base = literalPrefix(glob);
        Path start = base.isEmpty() ? dir : dir.resolve(base);
        if (!Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
            return Files.isRegularFile(start, LinkOption.NOFOLLOW_LINKS) && !isGlob(glob) ? List.of(glob) : List.of();
        }
        PathMatcher m = matcher(glob);
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(start)) {
            s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(rel -> m.matches(Path.of(rel)))
                    .sorted().forEach(out::add);
        } catch (IOException e) {
            // unreadable: what was found so far
        }
        return out;
    }

    /** The folders of a glob before its first wildcard: {@code data/metrics} for {@code data/metrics/*.json}. */
    public static String literalPrefix(String glob) {
        String[] parts = glob.split("/");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            if (isGlob(parts[i])) {
                break;
            }
            b.append(b.length() == 0 ? "" : "/").append(parts[i]);
        }
        return b.toString();
    }

    // ---- a set of clean-up patterns ----

    private final List<PathMatcher> pathMatchers = new ArrayList<>();
    private final List<PathMatcher> nameMatchers = new ArrayList<>();
    private final List<String> patterns;
    private final Set<String> names = new HashSet<>();
    private final List<String> suffixes = new ArrayList<>();
    private final Map<String, Boolean> memo = new HashMap<>();

    /** The clean-up patterns {@code patterns}, matched with {@link #matches(String)}. */
    public Globs(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
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
                pathMatchers.add(matcher(p));
                if (p.startsWith("**/")) {
                    pathMatchers.add(matcher(p.substring(3)));
                }
            } else {
                nameMatchers.add(matcher(p));
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
        int slash = path.lastIndexOf('/');
        boolean m = matchesItself(path) || matches(slash < 0 ? "" : path.substring(0, slash));
        memo.put(path, m);
        return m;
    }
}
