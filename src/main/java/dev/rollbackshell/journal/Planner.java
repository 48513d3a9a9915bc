package dev.rollbackshell.journal;

import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.RollbackException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns changes (what paths must become) into steps (what to do, path by path), from what
 * the project holds now plus what earlier steps of the same plan will have done. Never
 * follows a symbolic link: a link where a folder must be is replaced, not written through.
 */
final class Planner {

    private final Project project;
    /** Type of a path after the steps planned so far, for paths a step touched. */
    private final Map<String, String> overlay = new HashMap<>();
    /** lstat of project paths, read once. */
    private final Map<String, Node> disk = new HashMap<>();
    /** Paths a step of this plan created, by parent: a later removal of the parent would conflict. */
    private final Map<String, Set<String>> created = new HashMap<>();
    private final List<Step> steps = new ArrayList<>();
    private final Map<Integer, Content> contents = new HashMap<>();

    record Node(String type, long size, String mode, java.time.Instant mtime, String link) {
    }

    Planner(Project project) {
        this.project = project;
    }

    List<Step> steps() {
        return steps;
    }

    Map<Integer, Content> contents() {
        return contents;
    }

    void add(Change change) {
        String path = checkPath(change.path());
        if (change instanceof Change.Write w) {
            write(path, w);
        } else if (change instanceof Change.Link l) {
            link(path, l.target());
        } else if (change instanceof Change.Dir d) {
            ensureDir(path, d.mode());
        } else {
            removeTree(path);
        }
    }

    /** Refuses anything that is not a clean project-relative path, or that lies in the tool's own areas. */
    static String checkPath(String path) {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.endsWith("/")) {
            throw RollbackException.badInput("refused to change '" + path + "': not a path inside the project");
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw RollbackException.badInput("refused to change '" + path + "': not a clean path inside the project");
            }
        }
        String top = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
        if (top.equals(Project.STATE_DIR) || top.equals(Project.BACKUP_ROOT) || top.equals(".git")) {
            throw RollbackException.badInput("refused to change " + path + ": " + top
                    + " belongs to " + (top.equals(".git") ? "git" : "rollback-shell") + ", not to the project's files");
        }
        return path;
    }

    private void write(String path, Change.Write w) {
        ensureDir(parent(path), null);
        String t = type(path);
        if (t.equals(PathState.DIR)) {
            removeTree(path);
        }
        conflictIfCreated(path);
        PathState before = stateNow(path);
        PathState after = new PathState(PathState.FILE, w.content().size() < 0 ? null : w.content().size(), w.mode(),
                w.mtime(), w.content().sha256(), null);
        int i = addStep(Step.PUT, path, before, after);
        contents.put(i, w.content());
        created(path, PathState.FILE);
    }

    private void link(String path, String target) {
        ensureDir(parent(path), null);
        String t = type(path);
        if (t.equals(PathState.LINK) && !overlay.containsKey(path) && target.equals(node(path).link())) {
            return; // already that link
        }
        if (t.equals(PathState.DIR)) {
            removeTree(path);
        }
        conflictIfCreated(path);
        addStep(Step.LINK, path, stateNow(path), PathState.link(target));
        created(path, PathState.LINK);
    }

    private void ensureDir(String path, String mode) {
        if (path.isEmpty()) {
            return;
        }
        String t = type(path);
        if (t.equals(PathState.DIR)) {
            return;
        }
        if (t.equals(PathState.ABSENT)) {
            ensureDir(parent(path), null);
        } else {
            removeTree(path);
        }
        addStep(Step.MKDIR, path, PathState.absent(), PathState.dir(mode));
        created(path, PathState.DIR);
    }

    private void removeTree(String path) {
        String t = type(path);
        if (t.equals(PathState.ABSENT)) {
            return;
        }
        conflictIfCreated(path);
        if (t.equals(PathState.DIR)) {
            Set<String> made = created.get(path);
            if (made != null && made.stream().anyMatch(c -> !type(c).equals(PathState.ABSENT))) {
                throw new IllegalStateException("conflicting changes: " + path + " is removed after writing into it");
            }
            for (String child : diskChildren(path)) {
                removeTree(child);
            }
            addStep(Step.RMDIR, path, stateNow(path), PathState.absent());
        } else {
            addStep(Step.DELETE, path, stateNow(path), PathState.absent());
        }
        overlay.put(path, PathState.ABSENT);
    }

    private void conflictIfCreated(String path) {
        String o = overlay.get(path);
        if (o != null && !o.equals(PathState.ABSENT)) {
            throw new IllegalStateException("conflicting changes for " + path);
        }
    }

    private void created(String path, String type) {
        overlay.put(path, type);
        created.computeIfAbsent(parent(path), k -> new HashSet<>()).add(path);
    }

    private int addStep(String op, String path, PathState before, PathState after) {
        int i = steps.size();
        steps.add(new Step(i, op, path, before, after));
        return i;
    }

    /** What the path is now, as the steps planned so far leave it. */
    private PathState stateNow(String path) {
        String t = type(path);
        if (t.equals(PathState.ABSENT)) {
            return PathState.absent();
        }
        if (overlay.containsKey(path)) {
            throw new IllegalStateException("conflicting changes for " + path);
        }
        Node n = node(path);
        return switch (n.type()) {
            case PathState.FILE -> PathState.file(n.size(), n.mode(), n.mtime(), null);
            case PathState.LINK -> PathState.link(n.link());
            default -> PathState.dir(n.mode());
        };
    }

    /** The type of a path after the steps planned so far. */
    String type(String path) {
        if (path.isEmpty()) {
            return PathState.DIR;
        }
        String o = overlay.get(path);
        if (o != null) {
            return o;
        }
        String parent = parent(path);
        if (!type(parent).equals(PathState.DIR) || overlay.containsKey(parent)) {
            return PathState.ABSENT; // the parent is gone, or is a folder this plan creates: nothing of the disk below
        }
        return node(path).type();
    }

    private Node node(String path) {
        return disk.computeIfAbsent(path, p -> lstat(project.file(p)));
    }

    static Node lstat(Path p) {
        try {
            BasicFileAttributes a;
            String mode = null;
            try {
                PosixFileAttributes pa = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                a = pa;
                mode = PosixFilePermissions.toString(pa.permissions());
            } catch (UnsupportedOperationException e) {
                a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            }
            if (a.isSymbolicLink()) {
                return new Node(PathState.LINK, 0, null, null, Files.readSymbolicLink(p).toString());
            }
            if (a.isDirectory()) {
                return new Node(PathState.DIR, 0, mode, null, null);
            }
            if (a.isRegularFile()) {
                return new Node(PathState.FILE, a.size(), mode, a.lastModifiedTime().toInstant(), null);
            }
            throw new UncheckedIOException(new IOException(p + " is neither a file, a folder nor a link; refused to touch it"));
        } catch (NoSuchFileException e) {
            return new Node(PathState.ABSENT, 0, null, null, null);
        } catch (java.nio.file.FileSystemException e) {
            if ("Not a directory".equals(e.getReason())) {
                return new Node(PathState.ABSENT, 0, null, null, null); // a parent is a file now
            }
            throw new UncheckedIOException("cannot read " + p, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    private List<String> diskChildren(String path) {
        List<String> out = new ArrayList<>();
        try (Stream<Path> kids = Files.list(project.file(path))) {
            kids.forEach(k -> out.add(path + "/" + k.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path, e);
        }
        out.sort(null);
        return out;
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
