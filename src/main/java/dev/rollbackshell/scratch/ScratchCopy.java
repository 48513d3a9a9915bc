package dev.rollbackshell.scratch;

import dev.rollbackshell.backup.Trees;
import dev.rollbackshell.journal.Change;
import dev.rollbackshell.project.Project;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A throw-away copy of the project under {@code .rollback/scratch/<pid>-<n>/}, where a
 * candidate rollback is tried and the plan's checks run (docs/plan.md#suggest). Made fast:
 * folders are new, files are hard links to the project's (a copy where linking is not
 * possible, and for the files {@code copied} names: data and logs a check might append to;
 * the walk is {@link TreeMirror}'s).
 * {@link #apply} then makes every path a change touches a real new file (a link is first
 * unlinked, never written through), so nothing done in the copy reaches the project or a
 * backup. The project's {@code .git}, {@code .rollback}, backups and build output are left
 * out; dependency folders ({@code node_modules}, {@code .venv}) are symbolic links.
 * {@link #close} removes it; {@link #sweep} removes those a crashed run left.
 */
public final class ScratchCopy implements AutoCloseable {

    public static final String DIR = "scratch";

    /** Top-level entries never put into a scratch copy (the tool's own areas, VCS, build output). */
    static final Set<String> LEFT_OUT = Set.of(".git", Project.STATE_DIR, Project.BACKUP_ROOT, "target", "build", "dist",
            ".idea", ".vscode", ".pytest_cache", ".tox", ".gradle", ".mypy_cache");
    /** Dependency folders: linked as a whole (large, only read). */
    static final Set<String> LINKED = Set.of("node_modules", ".venv", "venv");

    private static final AtomicInteger SEQ = new AtomicInteger();

    private final Project project;
    private final Path root;
    private final Project scratch;
    private int linked;
    private int copied;
    private final long millis;

    private ScratchCopy(Project project, Path root, long startNanos, int linked, int copied) {
        this.project = project;
        this.root = root;
        this.scratch = Project.at(root);
        this.linked = linked;
        this.copied = copied;
        this.millis = (System.nanoTime() - startNanos) / 1_000_000;
    }

    /**
     * Makes a scratch copy of the project as it is now.
     *
     * @param copied project-relative paths to copy rather than link (null: link every file)
     */
    public static ScratchCopy create(Project project, Predicate<String> copied) {
        long start = System.nanoTime();
        Path base = project.state(DIR);
        Path root = base.resolve(ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet());
        Predicate<String> copy = copied == null ? p -> false : copied;
        int[] counts = new int[2];
        try {
            Files.createDirectories(base);
            Trees.deleteQuietly(root);
            Files.createDirectory(root);
            Path projectRoot = project.root();
            try (DirectoryStream<Path> top = Files.newDirectoryStream(projectRoot)) {
                for (Path entry : top) {
                    String name = entry.getFileName().toString();
                    if (LEFT_OUT.contains(name)) {
                        continue;
                    }
                    Path target = root.resolve(name);
                    if (LINKED.contains(name) && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(target, entry);
                        continue;
                    }
                    TreeMirror.mirror(projectRoot, entry, root, copy, counts);
                }
            }
        } catch (IOException | RuntimeException e) {
            Trees.deleteQuietly(root);
            throw e instanceof UncheckedIOException u ? u
                    : e instanceof IOException io ? new UncheckedIOException("cannot make a scratch copy under " + base, io)
                    : (RuntimeException) e;
        }
        return new ScratchCopy(project, root, start, counts[0], counts[1]);
    }

    /**
     * Makes the copy what the changes say (a restore worked out against the project): each
     * path written is a new file with the content, mode and time given; each removed path
     * goes. A hard link in the way is unlinked first, so the project's file is never written.
     */
    public void apply(List<Change> changes) {
        try {
            for (Change c : changes) {
                Path p = scratch.file(c.path());
                if (c instanceof Change.Remove) {
                    Trees.deleteQuietly(p);
                } else if (c instanceof Change.Dir) {
                    clearFileAt(p);
                    Files.createDirectories(p);
                } else if (c instanceof Change.Link l) {
                    makeParent(p);
                    Trees.deleteQuietly(p);
                    Files.createSymbolicLink(p, Path.of(l.target()));
                } else if (c instanceof Change.Write w) {
                    makeParent(p);
                    Trees.deleteQuietly(p);
                    try (InputStream in = w.content().open()) {
                        Files.copy(in, p);
                    }
                    copied++;
                    if (w.mode() != null) {
                        try {
                            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(w.mode()));
                        } catch (IllegalArgumentException | UnsupportedOperationException e) {
                            // a mode we cannot set here: the default is kept
                        }
                    }
                    if (w.mtime() != null) {
                        Files.setLastModifiedTime(p, FileTime.from(w.mtime()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot apply the candidate to the scratch copy " + root, e);
        }
    }

    private void makeParent(Path p) throws IOException {
        Path parent = p.getParent();
        for (Path q = parent; q != null && q.startsWith(root) && !q.equals(root); q = q.getParent()) {
            if (Files.exists(q, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(q, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(q);
                break;
            }
        }
        Files.createDirectories(parent);
    }

    private static void clearFileAt(Path p) throws IOException {
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(p);
        }
    }

    /** The copy as a project, for the checks (Diagnoser, Verifier) to run in. */
    public Project project() {
        return scratch;
    }

    public Path root() {
        return root;
    }

    /** Files hard-linked to the project's. */
    public int linked() {
        return linked;
    }

    /** Files that are real copies (copied, or written by {@link #apply}). */
    public int copied() {
        return copied;
    }

    /** How long making the copy took. */
    public long millis() {
        return millis;
    }

    /** Removes the copy (quietly: whatever is left is swept by the next run). */
    @Override
    public void close() {
        Trees.deleteQuietly(root);
        try (DirectoryStream<Path> left = Files.newDirectoryStream(project.state(DIR))) {
            if (!left.iterator().hasNext()) {
                Files.deleteIfExists(project.state(DIR));
            }
        } catch (IOException e) {
            // another copy is still there, or the folder is gone already
        }
    }

    /**
     * Removes the scratch copies a run that is no longer alive left behind (a crash, a
     * {@code kill -9}); those of live runs stay. Returns how many were removed.
     */
    public static int sweep(Project project) {
        Path base = project.state(DIR);
        if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> all = Files.newDirectoryStream(base)) {
            for (Path p : all) {
                String name = p.getFileName().toString();
                int dash = name.indexOf('-');
                long pid = -1;
                try {
                    pid = Long.parseLong(dash < 0 ? name : name.substring(0, dash));
                } catch (NumberFormatException e) {
                    // not one of ours by name: left by nobody alive
                }
                if (pid == ProcessHandle.current().pid() || pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                Trees.deleteQuietly(p);
                removed++;
            }
        } catch (IOException e) {
            return removed;
        }
        return removed;
    }
}
