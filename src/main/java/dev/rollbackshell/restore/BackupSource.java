package dev.rollbackshell.restore;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.backup.BackupLayout;
import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.backup.Hashing;
import dev.rollbackshell.journal.Content;
import dev.rollbackshell.journal.ContentMismatchException;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.RollbackException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A backup as a restore source: its manifest says what each file must be; its copies are
 * read (never linked) and checked against the manifest.
 */
final class BackupSource implements Source {

    private final Project project;
    private final Backup backup;
    private final TreeMap<String, SourceEntry> entries;
    private final Path realDir;
    private NavigableSet<String> names;
    /** The paths the backup left out when it was made (its manifest's {@code notCopied}). */
    private final java.util.Set<String> leftOut = new java.util.HashSet<>();

    BackupSource(Project project, Backup backup, TreeMap<String, SourceEntry> entries) {
        this.project = project;
        this.backup = backup;
        this.entries = entries;
        if (!backup.manual()) {
            try { // the header only: it stops before the entries
                for (String n : dev.rollbackshell.backup.ManifestCodec.readHeader(backup.manifestFile()).notCopied()) {
                    int at = n.lastIndexOf(": ");
                    leftOut.add(at < 0 ? n : n.substring(0, at));
                }
            } catch (IOException e) {
                // unreadable now: the restore reads the manifest again and says so
            }
        }
        try {
            this.realDir = backup.dir().toRealPath();
        } catch (IOException e) {
            throw RollbackException.problem("cannot read backup " + backup.id() + ": " + e.getMessage());
        }
    }

    @Override
    public String kind() {
        return "backup";
    }

    @Override
    public RestoreReport.SourceInfo info() {
        return new RestoreReport.SourceInfo("backup", backup.id(), null, null,
                "backup " + backup.id() + (backup.manual() ? " (made by hand)" : ""));
    }

    @Override
    public boolean holdsFolder(String top) {
        return backup.folders().contains(top);
    }

    @Override
    public boolean recordsFolder(String top) {
        return holdsFolder(top);
    }

    @Override
    public NavigableSet<String> folders() {
        return new TreeSet<>(backup.folders());
    }

    @Override
    public String goodCopyIn(BackupStore backups, String path) {
        String want = under(path).containsKey(path) ? under(path).get(path).hash() : null;
        String other = null;
        List<Backup> all = new ArrayList<>(backups.list());
        Collections.reverse(all);
        for (Backup b : all) {
            if (b.id().equals(backup.id()) || !b.complete() || b.copyOf(path) == null) {
                continue;
            }
            try {
                BackupSource s = new BackupSource(project, b, ManifestCache.entries(project, backups, b));
                SourceEntry e = s.under(path).get(path);
                if (e == null || !e.isFile() || s.verify(e) != null) {
                    continue;
                }
                if (want != null && want.equals(e.hash())) {
                    return b.id();
                }
                if (other == null) {
                    other = b.id() + " (another version)";
                }
            } catch (RuntimeException ex) {
                // an unreadable backup has no good copy to offer
            }
        }
        return other;
    }

    @Override
    public String damagedCopyHint(BackupStore backups, ContentMismatchException e) {
        if (!e.origin().startsWith("backup " + backup.id() + " ")) {
            return ""; // the damaged copy came from another source of the same restore
        }
        String good = goodCopyIn(backups, e.path());
        String cmd = good == null ? "; no other backup has a good copy of it"
                : "; backup " + good + " has a good copy: restore file " + Restorer.quote(e.path()) + " --from " + good.split(" ")[0];
        return cmd + "; or add --force to restore the damaged copy anyway";
    }

    @Override
    public NavigableMap<String, SourceEntry> under(String path) {
        return Paths.under(entries, path);
    }

    @Override
    public boolean leftOut(String path) {
        for (String p = path; !leftOut.isEmpty() && !p.isEmpty(); p = Paths.parent(p)) {
            if (leftOut.contains(p)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public NavigableSet<String> names() {
        if (names == null) {
            names = Paths.withFolders(entries.keySet());
            names.addAll(backup.folders());
        }
        return names;
    }

    @Override
    public boolean sameContent(SourceEntry e, Path projectFile) throws IOException {
        return e.hash() != null && e.hash().equals(Hashing.sha256(projectFile));
    }

    @Override
    public String modeFor(SourceEntry e, String currentMode) {
        return e.mode();
    }

    @Override
    public void checkContained(SourceEntry e) {
        if (e.isLink()) {
            Paths.checkLinkTarget(project, e.path(), e.link(), "backup " + backup.id());
            return;
        }
        if (!e.isFile()) {
            return;
        }
        Path copy = copyOf(e);
        if (!Files.isSymbolicLink(copy) && parentIsReal(copy)) {
            return;
        }
        try {
            Path real = copy.toRealPath();
            if (!real.startsWith(project.root()) && !real.startsWith(realDir)) {
                throw RollbackException.badInput("backup " + backup.id() + "'s copy of " + e.path()
                        + " is a symbolic link leading outside the project (" + real + "); refused, nothing was changed");
            }
        } catch (IOException ex) {
            // a dangling link reads as a missing copy: verify() reports it
        }
    }

    private boolean parentIsReal(Path copy) {
        try {
            Path expected = realDir.resolve(backup.dir().relativize(copy.getParent()));
            return copy.getParent().toRealPath().equals(expected.normalize());
        } catch (IOException ex) {
            return true; // a missing folder: verify() reports the copy missing
        }
    }

    @Override
    public String verify(SourceEntry e) {
        if (!e.isFile()) {
            return null;
        }
        Path copy = copyOf(e);
        try {
            if (Files.isSymbolicLink(copy) || !parentIsReal(copy)) {
                return "the copy is a symbolic link, not a file";
            }
            if (!Files.isRegularFile(copy, LinkOption.NOFOLLOW_LINKS)) {
                return "the copy is missing";
            }
            if (Files.size(copy) != e.size()) {
                return "it has " + Files.size(copy) + " bytes where " + e.size() + " were recorded";
            }
            if (e.hash() != null && !e.hash().equals(Hashing.sha256(copy))) {
                return "its SHA-256 differs from the one recorded";
            }
            return null;
        } catch (NoSuchFileException ex) {
            return "the copy is missing";
        } catch (IOException ex) {
            return "the copy is unreadable (" + ex.getMessage() + ")";
        }
    }

    @Override
    public Content content(SourceEntry e, boolean verify) {
        Path copy = copyOf(e);
        String origin = "backup " + backup.id() + " (" + backup.dir().relativize(copy).toString().replace('\\', '/') + ")";
        return new Content() {
            @Override
            public InputStream open() throws IOException {
                if (Files.isSymbolicLink(copy)) {
                    throw new NoSuchFileException(copy.toString());
                }
                return Files.newInputStream(copy, LinkOption.NOFOLLOW_LINKS);
            }

            @Override
            public long size() {
                return verify ? e.size() : -1;
            }

            @Override
            public String sha256() {
                return verify ? e.hash() : null;
            }

            @Override
            public String origin() {
                return origin;
            }
        };
    }

    Path copyOf(SourceEntry e) {
        Path p = backup.copyOf(e.path());
        if (p == null) {
            throw new IllegalStateException("backup " + backup.id() + " has no folder for " + e.path());
        }
        return p;
    }

    static String suffix() {
        return BackupLayout.SUFFIX;
    }
}
