package dev.rollbackshell.project;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The folder being protected, and the one place that turns a path typed by a user into a
 * path inside it. Every path from outside (command arguments, plan entries, manifest
 * entries) goes through {@link #resolve(String)}, which refuses anything that would leave
 * the project: absolute paths, {@code ..} escapes, and symbolic links that lead outside.
 */
public final class Project {

    public static final String BACKUP_ROOT = "redundancy_reduction_backups";
    public static final String STATE_DIR = ".rollback";

    private final Path root;

    private Project(Path root) {
        this.root = root;
    }

    /** Opens the project at {@code dir}; refuses a folder that does not exist. */
    public static Project at(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) {
            throw RollbackException.badInput("project folder " + abs + " does not exist; pass an existing folder with -C DIR");
        }
        try {
            return new Project(abs.toRealPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }

    public Path backupRoot() {
        return root.resolve(BACKUP_ROOT);
    }

    public Path stateDir() {
        return root.resolve(STATE_DIR);
    }

    /** A file of the tool's own state, {@code .rollback/<name>}. */
    public Path state(String name) {
        return stateDir().resolve(name);
    }

    /**
     * Resolves a user-supplied path against the project and returns it as a normalized
     * project-relative path with forward slashes ("" for the project itself). Refuses
     * (exit 2) absolute paths, paths that climb out with {@code ..}, and paths whose
     * existing part runs through a symbolic link that leads outside the project.
     */
    public String relativize(String userPath) {
        if (userPath == null || userPath.isBlank()) {
            throw RollbackException.badInput("empty path; give a path inside the project such as src/module.py");
        }
        String p = userPath.replace('\\', '/');
        Path given = Path.of(p);
        if (given.isAbsolute()) {
            Path abs = given.normalize();
            if (!abs.startsWith(root)) {
                throw outside(userPath);
            }
            given = root.relativize(abs);
        }
        Path normalized = given.normalize();
        if (normalized.startsWith("..")) {
            throw outside(userPath);
        }
        String rel = normalized.toString().replace('\\', '/');
        checkNoEscapingLink(rel, userPath);
        return rel.equals(".") ? "" : rel;
    }

    /** {@link #relativize(String)} as an absolute path inside the project. */
    public Path resolve(String userPath) {
        String rel = relativize(userPath);
        return rel.isEmpty() ? root : root.resolve(rel);
    }

    /** The absolute path of a project-relative path that is already known to be clean. */
    public Path file(String relativePath) {
        return relativePath.isEmpty() ? root : root.resolve(relativePath);
    }

    /** Project-relative path with forward slashes. */
    public String rel(Path absolute) {
        return root.relativize(absolute.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    private void checkNoEscapingLink(String rel, String userPath) {
        Path cur = root;
        if (rel.isEmpty() || rel.equals(".")) {
            return;
        }
        for (Path part : Path.of(rel)) {
            cur = cur.resolve(part);
            if (!Files.exists(cur, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            if (Files.isSymbolicLink(cur)) {
                try {
                    Path real = cur.toRealPath();
                    if (!real.startsWith(root)) {
                        throw RollbackException.badInput("path " + userPath + " runs through the symbolic link "
                                + rel(cur) + " that leads outside the project (" + real + "); refused");
                    }
                } catch (IOException e) {
                    // a dangling link: it leads nowhere, so nothing outside can be reached through it
                    return;
                }
            }
        }
    }

    private RollbackException outside(String userPath) {
        return RollbackException.badInput("path " + userPath + " is outside the project " + root
                + "; give a path inside it, such as src/module.py");
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
