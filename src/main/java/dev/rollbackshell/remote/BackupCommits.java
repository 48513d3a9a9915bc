package dev.rollbackshell.remote;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.backup.BackupLayout;
import dev.rollbackshell.backup.BackupStore;
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
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A folder backup as one git commit, and back. The commit's tree is the backup folder
 * itself: {@code <folder>_backup/...}, {@code manifest.json} and {@code baseline.json},
 * byte for byte, executable bits and symbolic links as git keeps them (the exact modes,
 * times and empty folders are in the manifest). Its parent is the commit of the nearest
 * backup the remote already holds (none for the first): git's push then counts that
 * backup's trees and blobs as had and sends only what changed, as it does for a branch.
 * Phase, message and time are in the commit. Objects are written straight into the object database (no index, no
 * work tree; HEAD and the branches are never touched), and the commit is kept on
 * {@code refs/rollback/backups/<id>} so the next push reuses it. See docs/backups.md
 * ("Off the machine").
 */
final class BackupCommits {

    static final String REF_PREFIX = "refs/rollback/backups/";
    private static final Set<PosixFilePermission> WRITE_BITS = EnumSet.of(PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
    private static final long READ_WHOLE = 8L << 20;

    private final Repository repo;
    /** Blob ids of copies already in git, by file key (inode): hard-linked copies are not read again. */
    private final Map<Object, ObjectId> blobByInode = new HashMap<>();

    BackupCommits(Repository repo) {
        this.repo = repo;
    }

    /**
     * The commit of one backup.
     *
     * @param reused   true when the commit was already on its ref (made by an earlier push)
     * @param read     copies read and hashed (the others were hard links to copies already in git)
     * @param problems copies that do not match the manifest ("path: why"); then there is no commit
     */
    record Built(String id, ObjectId commit, boolean reused, int files, int read, List<String> problems) {
    }

    static String ref(String id) {
        return REF_PREFIX + id;
    }

    /** Remembers the blobs of an earlier backup's commit so its hard-linked copies are not hashed again. */
    void learn(Backup earlier) throws IOException {
        for (Map.Entry<String, ObjectId> e : blobsOf(earlier.id()).entrySet()) {
            Object key = fileKey(earlier.dir().resolve(e.getKey())); // null for links and what is not there
            if (key != null) {
                blobByInode.putIfAbsent(key, e.getValue());
            }
        }
    }

    /**
     * Writes the backup's commit (or finds it on its ref, when the manifest there is the
     * same) and points {@code refs/rollback/backups/<id>} at it. A copy that does not
     * match the manifest makes no commit: it is reported instead.
     *
     * @param parent the commit of a backup the remote holds (or will hold after this push),
     *               so the push sends only what differs from it; null for none
     */
    Built build(BackupStore store, Backup b, ObjectId parent) throws IOException {
        byte[] manifestBytes;
        Manifest manifest;
        if (b.manual()) {
            manifest = store.manifest(b);
            manifestBytes = ManifestCodec.write(manifest);
        } else {
            manifestBytes = Files.readAllBytes(b.manifestFile());
            manifest = ManifestCodec.read(b.manifestFile());
        }
        ObjectId manifestBlob = new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, manifestBytes);
        Ref existing = repo.exactRef(ref(b.id()));
        if (existing != null && existing.getObjectId() != null
                && manifestBlob.equals(blobAt(existing.getObjectId(), BackupLayout.MANIFEST))) {
            learn(b);
            return new Built(b.id(), existing.getObjectId(), true, (int) manifest.files(), 0, List.of());
        }
        List<String> problems = new ArrayList<>();
        DirCache tree = DirCache.newInCore();
        DirCacheBuilder builder = tree.builder();
        int read = 0;
        try (ObjectInserter ins = inserter()) {
            for (ManifestEntry e : manifest.entries()) {
                if (e.isDir()) {
                    continue; // git keeps no empty folders: the manifest has them
                }
                String gitPath = gitPath(e.path());
                Path copy = b.copyOf(e.path());
                if (gitPath == null || copy == null) {
                    problems.add(e.path() + ": outside the backup's folders");
                    continue;
                }
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(copy, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException ex) {
                    problems.add(e.path() + ": missing from the backup");
                    continue;
                }
                DirCacheEntry entry = new DirCacheEntry(gitPath);
                if (e.isLink()) {
                    if (!a.isSymbolicLink()) {
                        problems.add(e.path() + ": not a symbolic link, as the manifest says");
                        continue;
                    }
                    String target = Files.readSymbolicLink(copy).toString();
                    if (!target.equals(e.link())) {
                        problems.add(e.path() + ": the link points to " + target + ", the manifest says " + e.link());
                        continue;
                    }
                    entry.setFileMode(FileMode.SYMLINK);
                    entry.setObjectId(ins.insert(Constants.OBJ_BLOB, target.getBytes(StandardCharsets.UTF_8)));
                } else {
                    if (!a.isRegularFile()) {
                        problems.add(e.path() + ": not a regular file, as the manifest says");
                        continue;
                    }
                    entry.setFileMode(executable(e.mode()) ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE);
                    ObjectId known = a.fileKey() == null || a.size() != e.size() ? null : blobByInode.get(a.fileKey());
                    if (known != null) {
                        entry.setObjectId(known);
                    } else {
                        read++;
                        ObjectId id = insertChecked(ins, copy, a.size(), e, problems);
                        if (id == null) {
                            continue;
                        }
                        entry.setObjectId(id);
                        if (a.fileKey() != null) {
                            blobByInode.put(a.fileKey(), id);
                        }
                    }
                }
                builder.add(entry);
            }
            if (!problems.isEmpty()) {
                return new Built(b.id(), null, false, (int) manifest.files(), read, problems);
            }
            add(builder, BackupLayout.MANIFEST, ins.insert(Constants.OBJ_BLOB, manifestBytes));
            if (Files.isRegularFile(b.baselineFile(), LinkOption.NOFOLLOW_LINKS)) {
                add(builder, BackupLayout.BASELINE, ins.insert(Constants.OBJ_BLOB, Files.readAllBytes(b.baselineFile())));
            }
            builder.finish();
            ObjectId treeId = tree.writeTree(ins);
            CommitBuilder c = new CommitBuilder();
            c.setTreeId(treeId);
            if (parent != null) {
                c.setParentId(parent);
            }
            PersonIdent who = identity(manifest.createdAt());
            c.setAuthor(who);
            c.setCommitter(who);
            c.setMessage(message(b.id(), manifest));
            ObjectId commit = ins.insert(c);
            ins.flush();
            setRef(b.id(), commit, existing == null ? null : existing.getObjectId());
            return new Built(b.id(), commit, false, (int) manifest.files(), read, List.of());
        }
    }

    /** Inserts a copy as a blob, hashing it with SHA-256 in the same read; null (and a problem) when it differs. */
    private static ObjectId insertChecked(ObjectInserter ins, Path copy, long size, ManifestEntry e,
            List<String> problems) throws IOException {
        MessageDigest md = Hashing.sha256();
        ObjectId id;
        if (size <= READ_WHOLE) {
            byte[] content = Files.readAllBytes(copy);
            md.update(content);
            if (!Hashing.hex(md.digest()).equals(e.sha256())) {
                problems.add(e.path() + ": its content does not match the manifest's SHA-256");
                return null;
            }
            return ins.insert(Constants.OBJ_BLOB, content);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(copy), md)) {
            id = ins.insert(Constants.OBJ_BLOB, size, in);
        }
        if (!Hashing.hex(md.digest()).equals(e.sha256())) {
            problems.add(e.path() + ": its content does not match the manifest's SHA-256");
            return null; // the blob stays unreferenced: git's gc removes it
        }
        return id;
    }

    private ObjectInserter inserter() {
        // one pack for the whole backup instead of one loose file per object
        if (repo.getObjectDatabase() instanceof ObjectDirectory dir) {
            return dir.newPackInserter();
        }
        return repo.newObjectInserter();
    }

    private void setRef(String id, ObjectId commit, ObjectId old) throws IOException {
        RefUpdate u = repo.updateRef(ref(id));
        u.setNewObjectId(commit);
        u.setExpectedOldObjectId(old == null ? ObjectId.zeroId() : old);
        u.setForceUpdate(true);
        u.setRefLogMessage("rollback-shell: backup " + id + " as a commit", false);
        RefUpdate.Result r = u.update();
        if (r != RefUpdate.Result.NEW && r != RefUpdate.Result.FORCED && r != RefUpdate.Result.FAST_FORWARD
                && r != RefUpdate.Result.NO_CHANGE) {
            throw new IOException("git refused to write " + ref(id) + " (" + r + ")");
        }
    }

    /** The blob at a top-level path of a commit's tree, or null. */
    ObjectId blobAt(ObjectId commit, String path) throws IOException {
        try (RevWalk rw = new RevWalk(repo)) {
            RevCommit c = rw.parseCommit(commit);
            try (TreeWalk tw = TreeWalk.forPath(repo, path, c.getTree())) {
                return tw == null ? null : tw.getObjectId(0);
            }
        } catch (org.eclipse.jgit.errors.MissingObjectException e) {
            return null;
        }
    }

    /** The manifest a backup commit holds, or null when the commit or its manifest is not here. */
    Manifest manifestOf(ObjectId commit) {
        try {
            ObjectId blob = blobAt(commit, BackupLayout.MANIFEST);
            if (blob == null) {
                return null;
            }
            return ManifestCodec.read(repo.open(blob, Constants.OBJ_BLOB).getBytes(), Path.of(BackupLayout.MANIFEST));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    // ---- back from git: a commit as a backup folder ----

    /**
     * A local copy an incoming file can be hard-linked to: its manifest entry, where it
     * lives, and its git blob when the backup's commit is here (null: hashed when needed).
     */
    record LinkCandidate(ManifestEntry entry, Path copy, ObjectId blob) {
    }

    /** The blobs of a backup's commit on {@code refs/rollback/backups/<id>} by git path; empty without one. */
    Map<String, ObjectId> blobsOf(String id) throws IOException {
        Map<String, ObjectId> out = new HashMap<>();
        Ref ref = repo.exactRef(ref(id));
        if (ref == null || ref.getObjectId() == null) {
            return out;
        }
        try (RevWalk rw = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(rw.parseCommit(ref.getObjectId()).getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                out.put(tw.getPathString(), tw.getObjectId(0));
            }
        }
        return out;
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
        Tree t = tree(commit);
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
                String gitPath = gitPath(e.path());
                ObjectId blob = gitPath == null ? null : t.blobs().get(gitPath);
                if (e.isDir()) {
                    other += FreeSpace.BLOCK;
                } else if (blob == null) {
                    continue; // refused by materialize
                } else if (e.isLink() || t.modes().get(gitPath) == FileMode.SYMLINK) {
                    other += 256;
                } else if (linkable(links.get(key(e.path(), e.sha256())), e, blob, false)) {
                    linked++;
                    coming.put(key(e.path(), e.sha256()), new LinkCandidate(e, null, blob));
                } else {
                    content += FreeSpace.allocation(e.size());
                    write++;
                    coming.put(key(e.path(), e.sha256()), new LinkCandidate(e, null, blob));
                }
            }
            links.putAll(coming);
            return new Need(content, other, write, linked);
        }
    }

    /** A commit's tree: blob and mode by path. */
    private record Tree(Map<String, ObjectId> blobs, Map<String, FileMode> modes) {
    }

    private Tree tree(ObjectId commit) throws IOException {
        Map<String, ObjectId> blobs = new TreeMap<>();
        Map<String, FileMode> modes = new HashMap<>();
        try (RevWalk rw = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(rw.parseCommit(commit).getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                blobs.put(tw.getPathString(), tw.getObjectId(0));
                modes.put(tw.getPathString(), tw.getFileMode(0));
            }
        }
        return new Tree(blobs, modes);
    }

    /**
     * True when an incoming file can be a hard link to {@code same}: the same size, time and
     * mode, the local copy still as its manifest says, and the remote's blob that copy's blob
     * (so a file changed on the remote is written, and caught). {@code hash}: hash a local
     * copy whose blob is not known (else it is taken as the same).
     */
    private static boolean linkable(LinkCandidate same, ManifestEntry e, ObjectId blob, boolean hash) {
        if (same == null || !canLink(same, e)) {
            return false;
        }
        if (same.blob() == null && !hash) {
            return true;
        }
        return blob.equals(blobOf(same));
    }

    /** What {@link #materialize} made. */
    record Made(int files, int written, int linked, long bytes, List<String> problems) {
    }

    /**
     * Writes the backup a commit holds into {@code target} (an empty folder being built),
     * every file checked against the manifest: content (SHA-256), type, link target; the
     * manifest's modes (minus the write bits) and times are applied. Files whose content a
     * local backup already holds at the same path are hard-linked to it ({@link #linkable}). Problems are
     * returned, never thrown; the caller discards the folder when there are any.
     */
    Made materialize(ObjectId commit, String id, Path target, Map<String, LinkCandidate> links) throws IOException {
        List<String> problems = new ArrayList<>();
        Tree t = tree(commit);
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
                String gitPath = gitPath(e.path());
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
                LinkCandidate same = links.get(key(e.path(), e.sha256()));
                // linked only when the remote's blob is the local copy's: a changed blob is written and caught below
                if (same != null && same.copy() != null && linkable(same, e, blob, true)) {
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

    static String key(String path, String sha256) {
        return path + '\0' + sha256;
    }

    /** The git blob id of a local copy: from its backup's commit, else by reading it; null when unreadable. */
    private static ObjectId blobOf(LinkCandidate c) {
        if (c.blob() != null) {
            return c.blob();
        }
        try (InputStream in = Files.newInputStream(c.copy())) {
            return new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, Files.size(c.copy()), in);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean canLink(LinkCandidate c, ManifestEntry e) {
        ManifestEntry was = c.entry();
        if (was.size() != e.size() || was.mtime() != e.mtime() || !Objects.equals(was.mode(), e.mode())) {
            return false;
        }
        if (c.copy() == null) {
            return true; // a copy to come, of a backup fetched before this one (see need)
        }
        try { // the local copy must still be what its own manifest says
            BasicFileAttributes a = Files.readAttributes(c.copy(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile() && a.size() == was.size() && a.lastModifiedTime().toMillis() == was.mtime();
        } catch (IOException ex) {
            return false;
        }
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

    /** {@code src/a/b.py} -> {@code src_backup/a/b.py}; null for a path without a folder. */
    static String gitPath(String projectPath) {
        int slash = projectPath.indexOf('/');
        if (slash <= 0) {
            return null;
        }
        return projectPath.substring(0, slash) + BackupLayout.SUFFIX + projectPath.substring(slash);
    }

    private static void add(DirCacheBuilder builder, String path, ObjectId blob) {
        DirCacheEntry e = new DirCacheEntry(path);
        e.setFileMode(FileMode.REGULAR_FILE);
        e.setObjectId(blob);
        builder.add(e);
    }

    private static boolean executable(String mode) {
        return mode != null && mode.length() >= 3 && mode.charAt(2) == 'x';
    }

    private static Object fileKey(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile() ? a.fileKey() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private PersonIdent identity(Instant when) {
        PersonIdent who;
        try {
            who = new PersonIdent(repo);
        } catch (RuntimeException e) {
            who = new PersonIdent("rollback-shell", "rollback-shell@localhost");
        }
        return when == null ? who : new PersonIdent(who, when, java.time.ZoneId.systemDefault());
    }

    /** The commit message: a subject, the backup's note, then trailers a reader can parse. */
    static String message(String id, Manifest m) {
        StringBuilder s = new StringBuilder("rollback-shell backup ").append(id);
        if (m.phase() != null) {
            s.append(" (phase ").append(m.phase()).append(')');
        }
        s.append("\n\n");
        if (m.message() != null && !m.message().isBlank()) {
            s.append(m.message().strip()).append("\n\n");
        }
        s.append("Rollback-Backup: ").append(id).append('\n');
        if (m.phase() != null) {
            s.append("Rollback-Phase: ").append(m.phase()).append('\n');
        }
        if (m.createdAt() != null) {
            s.append("Rollback-Created: ").append(m.createdAt()).append('\n');
        }
        s.append("Rollback-Files: ").append(m.files()).append('\n');
        if (m.gitRef() != null) {
            s.append("Rollback-Safety-Branch: ").append(m.gitRef()).append('\n');
        }
        return s.toString();
    }
}
