package dev.rollbackshell.remote;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.backup.BackupLayout;
import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.backup.Hashing;
import dev.rollbackshell.backup.Manifest;
import dev.rollbackshell.backup.ManifestCodec;
import dev.rollbackshell.backup.ManifestEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/**
 * A folder backup as one git commit. The commit's tree is the backup folder
 * itself: {@code <folder>_backup/...}, {@code manifest.json} and {@code baseline.json},
 * byte for byte, executable bits and symbolic links as git keeps them (the exact modes,
 * times and empty folders are in the manifest). Its parent is the commit of the nearest
 * backup the remote already holds (none for the first): git's push then counts that
 * backup's trees and blobs as had and sends only what changed, as it does for a branch.
 * Phase, message and time are in the commit. Objects are written straight into the object database (no index, no
 * work tree; HEAD and the branches are never touched), and the commit is kept on
 * {@code refs/rollback/backups/<id>} so the next push reuses it. Where things sit in such a
 * commit is {@link CommitLayout}'s; the way back to a folder is {@link BackupCheckout}'s.
 * See docs/backups.md ("Off the machine").
 */
final class BackupCommits {

    private static final long READ_WHOLE = 8L << 20;

    private final Repository repo;
    private final CommitLayout layout;
    /** Blob ids of copies already in git, by file key (inode): hard-linked copies are not read again. */
    private final Map<Object, ObjectId> blobByInode = new HashMap<>();

    BackupCommits(Repository repo) {
        this.repo = repo;
        this.layout = new CommitLayout(repo);
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

    /** Remembers the blobs of an earlier backup's commit so its hard-linked copies are not hashed again. */
    void learn(Backup earlier) throws IOException {
        for (Map.Entry<String, ObjectId> e : layout.blobsOf(earlier.id()).entrySet()) {
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
        Ref existing = repo.exactRef(CommitLayout.ref(b.id()));
        if (existing != null && existing.getObjectId() != null
                && manifestBlob.equals(layout.blobAt(existing.getObjectId(), BackupLayout.MANIFEST))) {
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
                String gitPath = CommitLayout.gitPath(e.path());
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
        RefUpdate u = repo.updateRef(CommitLayout.ref(id));
        u.setNewObjectId(commit);
        u.setExpectedOldObjectId(old == null ? ObjectId.zeroId() : old);
        u.setForceUpdate(true);
        u.setRefLogMessage("rollback-shell: backup " + id + " as a commit", false);
        RefUpdate.Result r = u.update();
        if (r != RefUpdate.Result.NEW && r != RefUpdate.Result.FORCED && r != RefUpdate.Result.FAST_FORWARD
                && r != RefUpdate.Result.NO_CHANGE) {
            throw new IOException("git refused to write " + CommitLayout.ref(id) + " (" + r + ")");
        }
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
