package dev.rollbackshell.restore;

import dev.rollbackshell.project.Project;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;

/**
 * The paths a restore source holds, one folder level at a time: what Tab offers after
 * {@code restore file}, including files deleted from the project since.
 */
public final class SourcePaths {

    /** A path the source holds: folders end without a slash; {@code inProject} false for deleted files. */
    public record Choice(String path, boolean folder, boolean inProject) {
    }

    private SourcePaths() {
    }

    /** The source's entries in the folder of {@code typed} whose path starts with it. */
    public static List<Choice> under(Project project, Source s, String typed) {
        String t = typed == null ? "" : typed.replace('\\', '/');
        String dir = t.contains("/") ? t.substring(0, t.lastIndexOf('/')) : "";
        List<Choice> out = new ArrayList<>();
        NavigableSet<String> names = s.names();
        Iterable<String> candidates = dir.isEmpty() ? names : names.subSet(dir + "/", true, dir + "0", false);
        for (String n : candidates) {
            if (!Paths.parent(n).equals(dir) || !n.startsWith(t)) {
                continue;
            }
            String below = names.ceiling(n + "/");
            boolean folder = below != null && below.startsWith(n + "/")
                    || s.under(n).containsKey(n) && s.under(n).get(n).isDir();
            out.add(new Choice(n, folder, Files.exists(project.file(n), LinkOption.NOFOLLOW_LINKS)));
        }
        return out;
    }
}
