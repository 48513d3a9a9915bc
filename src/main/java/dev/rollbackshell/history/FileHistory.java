package dev.rollbackshell.history;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.backup.Hashing;
import dev.rollbackshell.backup.Manifest;
import dev.rollbackshell.backup.ManifestEntry;
import dev.rollbackshell.git.GitHistory;
import dev.rollbackshell.git.GitRepo;
import dev.rollbackshell.git.SafetyBranch;
import dev.rollbackshell.project.Failures;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.RollbackException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code backup log PATH}: every version of one file across the backups and the git
 * history (HEAD and the safety branches), newest first, each with its size and SHA-256,
 * versions with the same content numbered alike, and the file as it is now marked. A
 * backup or commit that no longer has the file is listed as a deletion. See
 * docs/backups.md ("backup log").
 */
public final class FileHistory {

    /** Where a version lives. */
    public enum Source {
        PROJECT, BACKUP, GIT;

        @JsonValue
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One version of the file.
     *
     * @param id      the backup id, the commit's short id, or "working tree"
     * @param size    bytes, null when deleted
     * @param sha256  of the content (of the target for a symbolic link), null when deleted
     * @param current the same content as the project's file now
     * @param version 1 for the oldest content, 2 for the next different one...; 0 when deleted
     * @param note    the commit's subject, the backup's message, "symbolic link to ..."
     */
    public record Version(Source source, String id, Instant date, Long size, String sha256, boolean current,
            boolean deleted, int version, String note) {
    }

    /** The history of one path, newest first. */
    public record Log(String path, List<Version> versions) {

        public long distinct() {
            return versions.stream().filter(v -> !v.deleted()).map(Version::sha256).distinct().count();
        }
    }

    private FileHistory() {
    }

    public static Log of(Project project, BackupStore store, String userPath) {
        String path = project.relativize(userPath);
        if (path.isEmpty()) {
            throw RollbackException.badInput("give the path of one file, such as src/module.py");
        }
        List<Version> found = new ArrayList<>(); // oldest first, without version numbers yet
        boolean held = false; // a backup without the file lists a deletion only once an older one had it
        for (Backup b : store.list()) {
            Manifest m;
            try {
                m = store.manifest(b);
            } catch (RuntimeException e) {
                continue; // a damaged backup holds no version anyone should pick
            }
            ManifestEntry e = m.byPath().get(path);
            boolean covers = b.folders().contains(path.split("/", 2)[0]);
            if (e != null && !e.isDir()) {
                held = true;
                found.add(new Version(Source.BACKUP, b.id(), b.createdAt(), e.isLink() ? 0L : e.size(),
                        e.isLink() ? Hashing.sha256(e.link().getBytes(StandardCharsets.UTF_8)) : e.sha256(), false,
                        false, 0, e.isLink() ? "symbolic link to " + e.link() : b.message()));
            } else if (covers && held) {
                held = false;
                found.add(new Version(Source.BACKUP, b.id(), b.createdAt(), null, null, false, true, 0, b.message()));
            }
        }
        Optional<GitRepo> repo = GitRepo.findReadable(project);
        if (repo.isPresent()) {
            try (GitRepo git = repo.get()) {
                List<String> branches = git.branchNames().stream().filter(SafetyBranch::isSafetyBranch).toList();
                for (GitHistory.PathChange c : git.history().changes(path, branches)) {
                    if (c.blob() == null) {
                        found.add(new Version(Source.GIT, c.shortId(), c.time(), null, null, false, true, 0,
                                c.subject()));
                    } else {
                        byte[] content = git.read(c.blob());
                        found.add(new Version(Source.GIT, c.shortId(), c.time(), (long) content.length,
                                Hashing.sha256(content), false, false, 0, c.subject()));
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw RollbackException.problem("cannot read the git history of " + path + ": " + Failures.describe(e));
            }
        }
        Path file = project.file(path);
        String now = null;
        Version project0;
        try {
            if (Files.isSymbolicLink(file)) {
                String target = Files.readSymbolicLink(file).toString();
                now = Hashing.sha256(target.getBytes(StandardCharsets.UTF_8));
                project0 = new Version(Source.PROJECT, "working tree", Files.getLastModifiedTime(file,
                        LinkOption.NOFOLLOW_LINKS).toInstant(), 0L, now, true, false, 0, "symbolic link to " + target);
            } else if (Files.isRegularFile(file)) {
                now = Hashing.sha256(file);
                project0 = new Version(Source.PROJECT, "working tree", Files.getLastModifiedTime(file).toInstant(),
                        Files.size(file), now, true, false, 0, null);
            } else {
                project0 = new Version(Source.PROJECT, "working tree", null, null, null, false, true, 0,
                        Files.isDirectory(file) ? "a folder" : "not in the project");
            }
        } catch (IOException e) {
            throw RollbackException.problem("cannot read " + path + ": " + Failures.describe(e));
        }
        if (found.isEmpty() && project0.deleted()) {
            throw RollbackException.badInput("no version of " + path + " in any backup or in the git history, and it"
                    + " is not in the project; 'backup log' takes a file's path, such as src/module.py");
        }
        found.add(project0);
        // number the contents in the order they first appeared
        found.sort(Comparator.comparing(v -> v.date() == null ? Instant.MAX : v.date()));
        Map<String, Integer> numbers = new HashMap<>();
        List<Version> out = new ArrayList<>();
        for (Version v : found) {
            int n = v.deleted() ? 0 : numbers.computeIfAbsent(v.sha256(), k -> numbers.size() + 1);
            boolean current = !v.deleted() && v.sha256().equals(now);
            out.add(new Version(v.source(), v.id(), v.date(), v.size(), v.sha256(), current, v.deleted(), n,
                    v.note()));
        }
        // newest first, the project's file at the top
        List<Version> sorted = new ArrayList<>(out.stream().filter(v -> v.source() != Source.PROJECT).toList());
        sorted.sort(Comparator.comparing((Version v) -> v.date() == null ? Instant.MIN : v.date()).reversed());
        sorted.add(0, out.stream().filter(v -> v.source() == Source.PROJECT).findFirst().orElseThrow());
        return new Log(path, sorted);
    }

    /** Every file and link path the backups hold, sorted: what {@code backup log} completes. */
    public static TreeSet<String> backupPaths(BackupStore store) {
        TreeSet<String> out = new TreeSet<>();
        for (Backup b : store.list()) {
            try {
                for (ManifestEntry e : store.manifest(b).entries()) {
                    if (!e.isDir()) {
                        out.add(e.path());
                    }
                }
            } catch (RuntimeException e) {
                // a backup that cannot be read offers nothing
            }
        }
        return out;
    }

    /** The backups that hold a path (a file, or a folder with files under it), oldest first. */
    public static List<Backup> backupsHolding(BackupStore store, String path) {
        List<Backup> out = new ArrayList<>();
        String folder = path.endsWith("/") ? path : path + "/";
        for (Backup b : store.list()) {
            try {
                for (ManifestEntry e : store.manifest(b).entries()) {
                    if (e.path().equals(path) || e.path().startsWith(folder)) {
                        out.add(b);
                        break;
                    }
                }
            } catch (RuntimeException e) {
                // skipped: unreadable
            }
        }
        return out;
    }
}
