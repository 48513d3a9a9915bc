package dev.rollbackshell.journal;

import dev.rollbackshell.backup.Hashing;
import dev.rollbackshell.project.FreeSpace;
import dev.rollbackshell.project.Meter;
import dev.rollbackshell.project.Pause;
import dev.rollbackshell.project.Project;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an entry writes before the project is touched (docs/architecture.md, "The write path"): every new
 * content copied into {@code new/<i>} and checked against what was recorded, every project file about to be
 * replaced or removed kept as {@code before/<i>}; and first, the check that the journal's file system can hold
 * it all.
 */
final class Staging {

    /** For crash tests of the real launcher: a pause before each file is staged. */
    private static final long STAGE_DELAY = Pause.property("rollback.journal.stageDelayMillis");

    private final Project project;
    private final Path dir;

    Staging(Project project, Path journalDir) {
        this.project = project;
        this.dir = journalDir;
    }

    /**
     * Refuses before anything is written when the journal's file system cannot hold what
     * the entry stages: every new content (copied into {@code new/}) and the before-images
     * that must be copies (files with a second hard link); a before-image of a file with one
     * name is a link and takes no space.
     */
    void requireSpace(String kind, List<Step> steps, Map<Integer, Content> contents) {
        long staging = 0;
        long copies = 0;
        int puts = 0;
        for (Step s : steps) {
            if (Step.PUT.equals(s.op())) {
                Content c = contents.get(s.i());
                staging += FreeSpace.allocation(c == null || c.size() < 0 ? 0 : c.size());
                puts++;
            }
            if (s.before().isFile() && linkCount(project.file(s.path())) > 1) {
                copies += FreeSpace.allocation(s.before().size() == null ? 0 : s.before().size());
            }
        }
        if (staging + copies == 0) {
            return; // only removals, links and folders (clean frees space): the entry's few small files are all it writes
        }
        long entry = FreeSpace.BLOCK * (3 + steps.size() / 16); // entry.json, done, the folders
        FreeSpace.require(dir, staging + copies + entry, kind + " (" + puts + (puts == 1 ? " file" : " files") + " to write)",
                "staging " + FreeSpace.bytes(staging) + " + before-images " + FreeSpace.bytes(copies) + " + journal "
                        + FreeSpace.bytes(entry) + ", in " + dir);
    }

    /**
     * Stages the steps, counting each staged file and its bytes on {@code meter} (null: not counted). Returns the
     * steps with what each staged file is, and the SHA-256 of each before-image that is a copy.
     */
    List<Step> stage(Path entryDir, List<Step> steps, Map<Integer, Content> contents, List<Path> toFlush,
            Meter.Task meter) throws IOException {
        List<Step> out = new ArrayList<>(steps.size());
        for (Step s : steps) {
            if (s.before().isFile()) {
                String sha = saveBefore(project.file(s.path()), entryDir.resolve(EntryStore.BEFORE).resolve(String.valueOf(s.i())), toFlush);
                if (sha != null) {
                    PathState b = s.before();
                    s = new Step(s.i(), s.op(), s.path(), new PathState(b.type(), b.size(), b.mode(), b.mtime(), sha, null), s.after());
                }
            }
            if (Step.PUT.equals(s.op())) {
                Pause.of(STAGE_DELAY);
                Path staged = entryDir.resolve(EntryStore.NEW).resolve(String.valueOf(s.i()));
                PathState after = stageContent(s, contents.get(s.i()), staged);
                StepRunner.keepOwner(project.file(s.path()), staged);
                toFlush.add(staged);
                if (meter != null) {
                    meter.add(1, after.size() == null ? 0 : after.size());
                }
                s = new Step(s.i(), s.op(), s.path(), s.before(), after);
            }
            out.add(s);
        }
        return out;
    }

    /**
     * Keeps the project's file. A hard link is enough when the file has no other name, since
     * the project's name is then replaced by a rename or deleted and the journal keeps the only
     * name of that old content. A file with a second hard link is copied: a write through its
     * other name would change a linked before-image too. Returns the copy's SHA-256, checked
     * when undo reads it back; null for a link.
     */
    private static String saveBefore(Path file, Path image, List<Path> toFlush) throws IOException {
        if (linkCount(file) == 1) {
            try {
                Files.createLink(image, file);
                return null;
            } catch (IOException | UnsupportedOperationException e) {
                // another file system, or links not allowed: copy
            }
        }
        Files.deleteIfExists(image);
        MessageDigest md = Hashing.sha256();
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
                FileChannel out = FileChannel.open(image, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            copy(in, out, md);
        } catch (IOException e) {
            throw FreeSpace.named(image, e);
        }
        toFlush.add(image);
        return Hashing.hex(md.digest());
    }

    /** The number of names of a file; 2 (so: copy) when the file system does not say. */
    static int linkCount(Path file) {
        try {
            return ((Number) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return 2;
        }
    }

    private static PathState stageContent(Step s, Content content, Path staged) throws IOException {
        MessageDigest md = Hashing.sha256();
        long size;
        try (InputStream in = content.open();
                FileChannel out = FileChannel.open(staged, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            size = copy(in, out, md);
            String sha = Hashing.hex(md.digest());
            if (content.size() >= 0 && content.size() != size) {
                throw new ContentMismatchException(s.path(), content.origin(),
                        "it has " + size + " bytes where " + content.size() + " were recorded");
            }
            if (content.sha256() != null && !content.sha256().equalsIgnoreCase(sha)) {
                throw new ContentMismatchException(s.path(), content.origin(), "its SHA-256 differs from the one recorded");
            }
            String mode = s.after().mode();
            if (mode != null) {
                StepRunner.setMode(staged, mode);
            }
            if (s.after().mtime() != null) {
                Files.setLastModifiedTime(staged, FileTime.from(s.after().mtime()));
            }
            Planner.Node n = Planner.lstat(staged);
            return PathState.file(size, n.mode(), n.mtime(), sha);
        } catch (NoSuchFileException e) {
            throw new ContentMismatchException(s.path(), content.origin(), "the copy is missing");
        } catch (IOException e) {
            throw FreeSpace.named(staged, e);
        }
    }

    private static long copy(InputStream in, FileChannel out, MessageDigest md) throws IOException {
        byte[] buf = new byte[1 << 17];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            if (md != null) {
                md.update(buf, 0, n);
            }
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
            while (bb.hasRemaining()) {
                out.write(bb);
            }
            total += n;
        }
        return total;
    }
}
