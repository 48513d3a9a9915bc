package dev.rollbackshell.journal;

import dev.rollbackshell.project.Project;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The steps done on the project's files (docs/architecture.md, "The write path"): each one atomic (a staged
 * file renamed over its target, a link made beside it and renamed), in a folder made writable for the time
 * of the step; folder modes last; the owner kept when run as root.
 */
final class StepRunner {

    private final Project project;

    StepRunner(Project project) {
        this.project = project;
    }

    /** Does one step of entry {@code seq}, whose staged contents are in {@code entryDir}. */
    void execute(Path entryDir, int seq, Step s) throws IOException {
        Path target = project.file(s.path());
        Path parent = target.getParent();
        switch (s.op()) {
            case Step.PUT -> withWritable(parent, () -> {
                Path staged = entryDir.resolve(EntryStore.NEW).resolve(String.valueOf(s.i()));
                try {
                    Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    // the journal is on another file system: copy beside the target, then rename
                    Path tmp = parent.resolve("." + target.getFileName() + ".rollback-" + seq + "-" + s.i());
                    Files.copy(staged, tmp, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.READ)) {
                        ch.force(true);
                    }
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                    Files.delete(staged);
                }
            });
            case Step.LINK -> withWritable(parent, () -> {
                Path tmp = parent.resolve("." + target.getFileName() + ".rollback-" + seq + "-" + s.i());
                Files.deleteIfExists(tmp);
                Files.createSymbolicLink(tmp, Path.of(s.after().link()));
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            });
            case Step.MKDIR -> withWritable(parent, () -> {
                if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(target);
                    keepOwner(target, target);
                }
            });
            case Step.DELETE, Step.RMDIR -> withWritable(parent, () -> {
                try {
                    Files.delete(target);
                } catch (NoSuchFileException e) {
                    // already gone: what this step wants
                }
            });
            default -> throw new IllegalStateException("unknown step " + s.op());
        }
    }

    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    /**
     * Run as root, a written file or made folder would belong to root: it gets the owner and
     * group of the file it replaces, or of its folder (the nearest that exists) for a new one. Other users cannot give
     * files away, and their files are theirs already.
     */
    static void keepOwner(Path projectPath, Path made) {
        if (!ROOT) {
            return;
        }
        try {
            Path from = projectPath.equals(made) ? projectPath.getParent() : projectPath;
            while (from != null && !Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
                from = from.getParent(); // a new file in a folder this entry makes: the nearest folder there is
            }
            if (from == null) {
                return;
            }
            PosixFileAttributes a = Files.readAttributes(from,
                    PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            PosixFileAttributeView v = Files.getFileAttributeView(made,
                    PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            v.setOwner(a.owner());
            v.setGroup(a.group());
        } catch (IOException | UnsupportedOperationException e) {
            // no owners on this file system: nothing to keep
        }
    }

    /** Folder modes last, deepest first, so that a read-only folder is filled before it becomes read-only. */
    void applyDirModes(List<Step> steps) throws IOException {
        List<Step> dirs = new ArrayList<>();
        for (Step s : steps) {
            if (Step.MKDIR.equals(s.op()) && s.after().mode() != null) {
                dirs.add(s);
            }
        }
        dirs.sort(Comparator.comparingInt((Step s) -> depth(s.path())).reversed());
        for (Step s : dirs) {
            setMode(project.file(s.path()), s.after().mode());
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    /** Runs {@code action} with {@code dir} writable by its owner, as it was before afterwards. */
    private static void withWritable(Path dir, IoAction action) throws IOException {
        Set<PosixFilePermission> perms = null;
        if (!Files.isWritable(dir)) {
            try {
                perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
                Set<PosixFilePermission> writable = new HashSet<>(perms);
                writable.add(PosixFilePermission.OWNER_WRITE);
                writable.add(PosixFilePermission.OWNER_EXECUTE);
                Files.setPosixFilePermissions(dir, writable);
            } catch (UnsupportedOperationException e) {
                perms = null;
            }
        }
        try {
            action.run();
        } finally {
            if (perms != null) {
                Files.setPosixFilePermissions(dir, perms);
            }
        }
    }

    static void setMode(Path p, String mode) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // no POSIX modes here, or none recorded in a form we know
        }
    }

    /** How deep a project path is: its number of slashes. */
    static int depth(String path) {
        return (int) path.chars().filter(c -> c == '/').count();
    }
}
