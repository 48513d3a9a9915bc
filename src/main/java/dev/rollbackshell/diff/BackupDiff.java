package dev.rollbackshell.diff;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.backup.ChangeDetector;
import dev.rollbackshell.backup.Hashing;
import dev.rollbackshell.backup.Changes;
import dev.rollbackshell.backup.Manifest;
import dev.rollbackshell.backup.ManifestEntry;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.RollbackException;
import dev.rollbackshell.project.Printable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/**
 * {@code diff [PATH]}: unified diffs between a backup (the {@code a/} side) and the
 * project as it is now (the {@code b/} side), in git's format, so the output can be read
 * by people and by {@code git apply}. Which files differ comes from the quick change
 * detection (size and time, hashing when in doubt); JGit's histogram diff makes the hunks.
 */
public final class BackupDiff {

    public static final String ADDED = "added";
    public static final String MODIFIED = "modified";
    public static final String DELETED = "deleted";
    /** Files bigger than this are compared as binary (no line diff). */
    private static final long MAX_TEXT = 16L << 20;

    /** One file that differs; {@code patch} is its unified diff (headers included). */
    public record FileDiff(String path, String change, boolean binary, int insertions, int deletions, String patch) {
    }

    /** The differences under {@code path} ("" for all) between a backup and the project. */
    public record Result(String backup, String path, List<FileDiff> files) {

        public int insertions() {
            return files.stream().mapToInt(FileDiff::insertions).sum();
        }

        public int deletions() {
            return files.stream().mapToInt(FileDiff::deletions).sum();
        }
    }

    private BackupDiff() {
    }

    /**
     * @param userPath a file or folder as the user typed it (checked: inside the project,
     *                 in a folder the backup holds), or null for everything
     * @param folders  the protected folders
     */
    public static Result diff(Project project, BackupStore store, Backup backup, String userPath,
            List<String> folders) {
        return diff(project, store, backup, userPath, folders, false);
    }

    /** @param checksum compare every file by content (rsync's {@code --checksum}), not by size and time */
    public static Result diff(Project project, BackupStore store, Backup backup, String userPath,
            List<String> folders, boolean checksum) {
        Manifest manifest = store.manifest(backup);
        List<String> covered = new ArrayList<>();
        for (String f : folders) {
            if (backup.folders().contains(f) || manifest.skipped().contains(f)) {
                covered.add(f);
            }
        }
        String rel = userPath == null ? "" : project.relativize(userPath);
        if (!rel.isEmpty()) {
            String top = rel.contains("/") ? rel.substring(0, rel.indexOf('/')) : rel;
            if (!covered.contains(top)) {
                throw RollbackException.badInput(userPath + " is not in a folder backup " + backup.id()
                        + " holds (" + String.join(", ", backup.folders()) + ")");
            }
            covered = List.of(top);
            boolean inProject = Files.exists(project.file(rel), LinkOption.NOFOLLOW_LINKS);
            boolean inBackup = manifest.entries().stream()
                    .anyMatch(e -> e.path().equals(rel) || e.path().startsWith(rel + "/"));
            if (!inProject && !inBackup) {
                throw RollbackException.badInput("no " + rel + " in the project nor in backup " + backup.id()
                        + "; check the path ('backup show' lists what the backup holds)");
            }
        }
        Changes changes = ChangeDetector.compare(project, manifest, covered, checksum);
        var before = manifest.byPath();
        List<FileDiff> files = new ArrayList<>();
        try {
            for (String p : changes.all()) {
                if (!rel.isEmpty() && !p.equals(rel) && !p.startsWith(rel + "/")) {
                    continue;
                }
                ManifestEntry was = before.get(p);
                String change = changes.added().contains(p) ? ADDED : changes.deleted().contains(p) ? DELETED : MODIFIED;
                FileDiff d = fileDiff(p, change, change.equals(ADDED) ? null : backup.copyOf(p), was,
                        change.equals(DELETED) ? null : project.file(p));
                if (d != null) {
                    files.add(d);
                }
            }
        } catch (IOException e) {
            throw RollbackException.problem("cannot read a file to compare: " + e.getMessage(), e);
        }
        return new Result(backup.id(), rel, files);
    }

    private static FileDiff fileDiff(String rawPath, String change, Path old, ManifestEntry was, Path now)
            throws IOException {
        String path = Printable.name(rawPath); // the headers of the patch: one line each, whatever the name
        if ((was != null && was.isDir()) || (now != null && Files.isDirectory(now, LinkOption.NOFOLLOW_LINKS))) {
            return null; // an empty folder: nothing to show line by line
        }
        if (tooBig(old) || tooBig(now)) {
            if (old != null && now != null && Hashing.sha256(old).equals(Hashing.sha256(now))) {
                return null;
            }
            return new FileDiff(rawPath, change, true, 0, 0, "diff --git a/" + path + " b/" + path + "\n"
                    + "Binary files " + (old == null ? "/dev/null" : "a/" + path) + " and "
                    + (now == null ? "/dev/null" : "b/" + path) + " differ (too big to compare by line)\n");
        }
        byte[] a = old == null ? null : content(old);
        byte[] b = now == null ? null : content(now);
        if (a != null && b != null && Arrays.equals(a, b)) {
            return null; // same bytes: only its time changed
        }
        String aName = a == null ? "/dev/null" : "a/" + path;
        String bName = b == null ? "/dev/null" : "b/" + path;
        StringBuilder head = new StringBuilder("diff --git a/" + path + " b/" + path + "\n");
        if (a == null) {
            head.append("new file\n");
        } else if (b == null) {
            head.append("deleted file\n");
        }
        boolean binary = (a != null && RawText.isBinary(a)) || (b != null && RawText.isBinary(b));
        if (binary) {
            head.append("Binary files ").append(aName).append(" and ").append(bName).append(" differ\n");
            return new FileDiff(rawPath, change, true, 0, 0, head.toString());
        }
        RawText ta = new RawText(a == null ? new byte[0] : a);
        RawText tb = new RawText(b == null ? new byte[0] : b);
        EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, ta, tb);
        int ins = 0;
        int del = 0;
        for (Edit e : edits) {
            ins += e.getLengthB();
            del += e.getLengthA();
        }
        head.append("--- ").append(aName).append('\n').append("+++ ").append(bName).append('\n');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter f = new DiffFormatter(out)) {
            f.setContext(3);
            f.format(edits, ta, tb);
        }
        return new FileDiff(rawPath, change, false, ins, del, head + out.toString(StandardCharsets.UTF_8));
    }

    private static boolean tooBig(Path p) throws IOException {
        return p != null && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Files.size(p) > MAX_TEXT;
    }

    /** A file's bytes, or a link's target (as git shows links). */
    private static byte[] content(Path p) throws IOException {
        if (Files.isSymbolicLink(p)) {
            return Files.readSymbolicLink(p).toString().getBytes(StandardCharsets.UTF_8);
        }
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        return Files.readAllBytes(p);
    }
}
