package dev.rollbackshell.remote;

import dev.rollbackshell.backup.BackupLayout;
import dev.rollbackshell.backup.Hashing;
import dev.rollbackshell.backup.Manifest;
import dev.rollbackshell.backup.ManifestCodec;
import dev.rollbackshell.backup.ManifestEntry;
import dev.rollbackshell.project.FreeSpace;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/**
 * Back from git: a backup commit (as {@link BackupCommits} writes it, laid out as
 * {@link CommitLayout} says) as a backup folder again. {@link #need} counts, from the
 * commit's tree and manifest alone, what writing it will add to the backups' file system;
 * {@link #materialize} writes it into a folder being built, every file checked against the
 * manifest, files a local backup already holds hard-linked to it ({@link LinkCandidate}).
 * See docs/backups.md ("Off the machine").
 */
final class BackupCheckout {

    private static final Set<PosixFilePermission> WRITE_BITS = EnumSet.of(PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private final Repository repo;
    private final CommitLayout layout;

    BackupCheckout(Repository repo) {
        this.repo = repo;
        this.layout = new CommitLayout(repo);
    }

    /**
     * What fetching a backup commit will add to the backups' file system, counted before
     * anything is written (docs/backups.md, "Off the machine"): each file not hard-linked
     * to an identical local copy, in whole blocks, plus its folders, manifest and baseline.
     *
     * @param bytes  the file contents to write
     * @param other  folders, links, manifest and baseline
     * @param write  files to write
     * @param linked files to be hard-linked
     */
    record Need(long bytes, long other, int write, int linked) {

        Need plus(Need n) {
            return new Need(bytes + n.bytes, other + n.other, write + n.write, linked + n.linked);
        }
    }

    /**
     * Counts what {@link #materialize} of {@code commit} would write, from the commit's
     * tree and manifest alone (no file is written). A file counts as linked when
     * {@code links} holds a copy {@link #materialize} would link to; then the backup's own
     * files are added to {@code links} as copies to come (no path yet), so the next
     * backup of the same fetch counts its links to this one. A local copy whose blob is
     * not known is not hashed here: it is taken as linkable (a copy that is not would
     * not match its manifest either, and the backup is refused then).
     */
    Need need(ObjectId commit, Map<String, LinkCandidate> links) throws IOException {
        CommitLayout.Tree t = layout.tree(commit);
        ObjectId manifestBlob = t.blobs().get(BackupLayout.MANIFEST);
        if (manifestBlob == null) {
            return new Need(0, 0, 0, 0); // refused by materialize, nothing written
        }
        try (ObjectReader reader = repo.newObjectReader()) {
            byte[] bytes = reader.open(manifestBlob, Constants.OBJ_BLOB).getBytes();
            Manifest manifest;
            try {
                manifest = ManifestCodec.read(bytes, Path.of(BackupLayout.MANIFEST));
            } catch (IOException e) {
                return new Need(0, 0, 0, 0);
            }
            long other = FreeSpace.allocation(bytes.length) + FreeSpace.BLOCK * (1 + manifest.folders().size());
            ObjectId baseline = t.blobs().get(BackupLayout.BASELINE);
            if (baseline != null) {
                other += FreeSpace.allocation(reader.getObjectSize(baseline, Constants.OBJ_BLOB));
            }
            long content = 0;
            int write = 0;
            int linked = 0;
            Map<String, LinkCandidate> coming = new HashMap<>();
            for (ManifestEntry e : manifest.entries()) {
                String gitPath = CommitLayout.gitPath(e.path());
                ObjectId blob = gitPath == null ? null : t.blobs().get(gitPath);
                if (e.isDir()) {
                    other += FreeSpace.BLOCK;
                } else if (blob == null) {
                    continue; // refused by materialize
                } else if (e.isLink() || t.modes().get(gitPath) == FileMode.SYMLINK) {
                    other += 256;
                } else if (LinkCandidate.linkable(links.get(LinkCandidate.key(e.path(), e.sha256())), e, blob, false)) {
                    linked++;
                    coming.put(LinkCandidate.key(e.path(), e.sha256()), new LinkCandidate(e, null, blob));
                } else {
                    content += FreeSpace.allocation(e.size());
                    write++;
                    coming.put(LinkCandidate.key(e.path(), e.sha256()), new LinkCandidate(e, null, blob));
                }
            }
            links.putAll(coming);
            return new Need(content, other, write, linked);
        }
    }

    /** What {@link #materialize} made. */
    record Made(int files, int written, int linked, long bytes, List<String> problems) {
    }

    /**
     * Writes the backup a commit holds into {@code target} (an empty folder being built),
     * every file checked against the manifest: content (SHA-256), type, link target; the
     * manifest's modes (minus the write bits) and times are applied. Files whose content a
     * local backup already holds at the same path are hard-linked to it ({@link LinkCandidate#linkable}). Problems are
     * returned, never thrown; the caller discards the folder when there are any.
     */
    Made materialize(ObjectId commit, String id, Path target, Map<String, LinkCandidate> links) throws IOException {
        List<String> problems = new ArrayList<>();
        CommitLayout.Tree t = layout.tree(commit);
        Map<String, ObjectId> blobs = t.blobs();
        Map<String, FileMode> modes = t.modes();
        ObjectId manifestBlob = blobs.remove(BackupLayout.MANIFEST);
        if (manifestBlob == null) {
            return new Made(0, 0, 0, 0, List.of(BackupLayout.MANIFEST + ": missing; this is not a backup commit"));
        }
        byte[] manifestBytes;
        Manifest manifest;
        try (ObjectReader reader = repo.newObjectReader()) {
            manifestBytes = reader.open(manifestBlob, Constants.OBJ_BLOB).getBytes();
            Path file = target.resolve(BackupLayout.MANIFEST);
            Files.write(file, manifestBytes);
            try {
                manifest = ManifestCodec.read(file);
            } catch (IOException e) {
                return new Made(0, 0, 0, 0, List.of(BackupLayout.MANIFEST + ": unreadable (" + e.getMessage() + ")"));
            }
            if (!id.equals(manifest.id())) {
                problems.add(BackupLayout.MANIFEST + ": names backup " + manifest.id() + ", the ref names " + id);
            }
            ObjectId baselineBlob = blobs.remove(BackupLayout.BASELINE);
            for (String folder : manifest.folders()) {
                Files.createDirectories(target.resolve(folder + BackupLayout.SUFFIX));
            }
            int written = 0;
            int linked = 0;
            long bytes = 0;
            for (ManifestEntry e : manifest.entries()) {
                String gitPath = CommitLayout.gitPath(e.path());
                Path out = gitPath == null ? null : target.resolve(gitPath).normalize();
                if (out == null || !manifest.folders().contains(e.path().split("/", 2)[0]) || !inside(target, out)) {
                    problems.add(e.path() + ": outside the backup's folders");
                    continue;
                }
                if (e.isDir()) {
                    Files.createDirectories(out);
                    continue;
                }
                ObjectId blob = blobs.remove(gitPath);
                if (blob == null) {
                    problems.add(e.path() + ": missing from the remote's copy");
                    continue;
                }
                Files.createDirectories(out.getParent());
                FileMode mode = modes.get(gitPath);
                if (e.isLink()) {
                    if (mode != FileMode.SYMLINK) {
                        problems.add(e.path() + ": a file in the remote's copy, a symbolic link in the manifest");
                        continue;
                    }
                    String linkTarget = new String(reader.open(blob, Constants.OBJ_BLOB).getBytes(), StandardCharsets.UTF_8);
                    if (!linkTarget.equals(e.link())) {
                        problems.add(e.path() + ": the link points to " + linkTarget + ", the manifest says " + e.link());
                        continue;
                    }
                    Files.createSymbolicLink(out, Path.of(linkTarget));
                    written++;
                    continue;
                }
                if (mode == FileMode.SYMLINK) {
                    problems.add(e.path() + ": a symbolic link in the remote's copy, a file in the manifest");
                    continue;
                }
                LinkCandidate same = links.get(LinkCandidate.key(e.path(), e.sha256()));
                // linked only when the remote's blob is the local copy's: a changed blob is written and caught below
                if (same != null && same.copy() != null && LinkCandidate.linkable(same, e, blob, true)) {
                    try {
                        Files.createLink(out, same.copy());
                        linked++;
                        bytes += e.size();
                        continue;
                    } catch (IOException | UnsupportedOperationException ex) {
                        // another file system or too many links: write it below
                    }
                }
                String sha = write(reader.open(blob, Constants.OBJ_BLOB), out);
                written++;
                bytes += e.size();
                if (!sha.equals(e.sha256())) {
                    problems.add(e.path() + ": its content does not match the manifest's SHA-256");
                    continue;
                }
                Files.setLastModifiedTime(out, FileTime.fromMillis(e.mtime()));
                readOnly(out, e.mode());
            }
            for (String extra : blobs.keySet()) {
                problems.add(extra + ": in the remote's copy but not in the manifest");
            }
            if (baselineBlob != null) {
                Files.write(target.resolve(BackupLayout.BASELINE), reader.open(baselineBlob, Constants.OBJ_BLOB).getBytes());
            }
            target.resolve(BackupLayout.MANIFEST).toFile().setWritable(false, false);
            return new Made((int) manifest.files(), written, linked, bytes, problems);
        }
    }

    /** True when {@code out} lands inside {@code root}, no symbolic link on the way leading out of it. */
    private static boolean inside(Path root, Path out) throws IOException {
        if (!out.startsWith(root) || out.equals(root)) {
            return false;
        }
        Path real = root.toRealPath();
        for (Path p = out.getParent(); p != null && p.startsWith(root); p = p.getParent()) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return p.toRealPath().startsWith(real);
            }
        }
        return true;
    }

    private static String write(ObjectLoader loader, Path out) throws IOException {
        MessageDigest md = Hashing.sha256();
        try (InputStream in = loader.openStream(); OutputStream o = Files.newOutputStream(out)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
                o.write(buf, 0, n);
            }
        }
        return Hashing.hex(md.digest());
    }

    private static void readOnly(Path file, String mode) {
        try {
            Set<PosixFilePermission> perms = mode == null ? Files.getPosixFilePermissions(file)
                    : PosixFilePermissions.fromString(mode);
            Set<PosixFilePermission> ro = EnumSet.noneOf(PosixFilePermission.class);
            ro.addAll(perms);
            ro.removeAll(WRITE_BITS);
            Files.setPosixFilePermissions(file, ro);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            file.toFile().setWritable(false, false);
        }
    }
}
