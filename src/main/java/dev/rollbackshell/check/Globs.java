package dev.rollbackshell.check;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Glob matching over project-relative paths (the plan's data globs, scenario restore paths). */
public final class Globs {

    private Globs() {
    }

    public static boolean isGlob(String pattern) {
        return pattern.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    private static final java.util.Map<String, PathMatcher> MATCHERS = new java.util.concurrent.ConcurrentHashMap<>();

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
}
