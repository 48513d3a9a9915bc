package dev.rollbackshell.restore;

import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.RollbackException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Project-relative path helpers (forward slashes, no leading slash). */
final class Paths {

    private Paths() {
    }

    /** The entry at {@code path} and every entry below it. */
    static <V> NavigableMap<String, V> under(NavigableMap<String, V> all, String path) {
        if (path.isEmpty()) {
            return all;
        }
        TreeMap<String, V> out = new TreeMap<>(all.subMap(path + "/", true, path + "0", false));
        V exact = all.get(path);
        if (exact != null) {
            out.put(path, exact);
        }
        return out;
    }

    /** The paths and all their parent folders. */
    static NavigableSet<String> withFolders(Collection<String> paths) {
        TreeSet<String> out = new TreeSet<>();
        for (String p : paths) {
            out.add(p);
            for (String d = parent(p); !d.isEmpty() && out.add(d); d = parent(d)) {
                // added
            }
        }
        return out;
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    static String top(String path) {
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }

    /** True when {@code path} is {@code ancestor} or lies below it. */
    static boolean within(String path, String ancestor) {
        return ancestor.isEmpty() || path.equals(ancestor) || path.startsWith(ancestor + "/");
    }

    /** Refuses (exit 2) a link that would point out of the project once restored at {@code path}. */
    static void checkLinkTarget(Project project, String path, String target, String source) {
        Path t = Path.of(target);
        Path resolved = t.isAbsolute() ? t.normalize() : project.file(path).getParent().resolve(t).normalize();
        if (!resolved.startsWith(project.root())) {
            throw RollbackException.badInput(source + " has " + path + " as a symbolic link to " + target
                    + ", which leads outside the project; refused, nothing was changed");
        }
    }
}
