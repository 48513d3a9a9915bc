package dev.rollbackshell.restore;

import dev.rollbackshell.git.GitRepo;
import dev.rollbackshell.git.GitTrees;
import dev.rollbackshell.journal.Content;
import dev.rollbackshell.project.Project;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.lib.ObjectId;

/**
 * A git commit as a restore source, read with JGit: HEAD, the index and the work tree are
 * never touched. Git keeps no times, so restored files get the current time, as a checkout
 * does; it keeps only the executable bit, so other mode bits of an existing file are kept.
 */
final class GitSource implements Source {

    private final Project project;
    private final GitRepo repo;
    private final GitRepo.Commit commit;
    private final Map<String, ObjectId> blobs = new HashMap<>();
    private TreeMap<String, SourceEntry> all;
    private NavigableSet<String> names;

    GitSource(Project project, GitRepo repo, GitRepo.Commit commit) {
        this.project = project;
        this.repo = repo;
        this.commit = commit;
    }

    @Override
    public java.util.Set<String> ignoredUnder(String folder) {
        return repo.trees().ignoredUnder(folder);
    }

    @Override
    public String kind() {
        return "git";
    }

    @Override
    public RestoreReport.SourceInfo info() {
        return new RestoreReport.SourceInfo("git", null, commit.ref(), commit.id().name(), commit.describe());
    }

    @Override
    public boolean holdsFolder(String top) {
        return true;
    }

    @Override
    public NavigableSet<String> folders() {
        TreeSet<String> out = new TreeSet<>();
        for (String n : names()) {
            if (!n.contains("/") && !all().containsKey(n)) {
                out.add(n);
            }
        }
        return out;
    }

    @Override
    public NavigableMap<String, SourceEntry> under(String path) {
        if (all != null) {
            return Paths.under(all, path);
        }
        return entries(path);
    }

    private TreeMap<String, SourceEntry> all() {
        if (all == null) {
            all = entries("");
        }
        return all;
    }

    private TreeMap<String, SourceEntry> entries(String path) {
        TreeMap<String, SourceEntry> out = new TreeMap<>();
        for (GitTrees.Entry g : repo.trees().list(commit, path).values()) {
            blobs.put(g.path(), g.id());
            if (g.isLink()) {
                String target;
                try {
                    target = new String(repo.read(g.id()), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                out.put(g.path(), new SourceEntry(g.path(), SourceEntry.LINK, 0, null, null, g.id().name(), target));
            } else {
                String mode = g.isExecutable() ? "rwxr-xr-x" : "rw-r--r--";
                out.put(g.path(), new SourceEntry(g.path(), SourceEntry.FILE, repo.size(g.id()), mode, null,
                        g.id().name(), null));
            }
        }
        return out;
    }

    @Override
    public NavigableSet<String> names() {
        if (names == null) {
            names = Paths.withFolders(all().keySet());
        }
        return names;
    }

    @Override
    public boolean sameContent(SourceEntry e, Path projectFile) throws IOException {
        return GitRepo.blobId(projectFile).name().equals(e.hash());
    }

    /** Git records only the executable bit: keep the file's other bits, set or clear x where r is. */
    @Override
    public String modeFor(SourceEntry e, String currentMode) {
        boolean exec = e.mode() != null && e.mode().charAt(2) == 'x';
        if (currentMode == null || currentMode.length() != 9) {
            return e.mode();
        }
        char[] m = currentMode.toCharArray();
        for (int i = 0; i < 9; i += 3) {
            m[i + 2] = exec && m[i] == 'r' ? 'x' : '-';
        }
        return new String(m);
    }

    @Override
    public void checkContained(SourceEntry e) {
        if (e.isLink()) {
            Paths.checkLinkTarget(project, e.path(), e.link(), describe());
        }
    }

    @Override
    public String verify(SourceEntry e) {
        if (!e.isFile()) {
            return null;
        }
        try (InputStream in = repo.open(ObjectId.fromString(e.hash()))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return null;
        } catch (IOException ex) {
            return "unreadable in the repository (" + ex.getMessage() + ")";
        }
    }

    @Override
    public Content content(SourceEntry e, boolean verify) {
        ObjectId id = ObjectId.fromString(e.hash());
        String origin = describe() + " (" + e.path() + ")";
        return new Content() {
            @Override
            public InputStream open() throws IOException {
                return repo.open(id);
            }

            @Override
            public long size() {
                return e.size();
            }

            @Override
            public String sha256() {
                return null;
            }

            @Override
            public String origin() {
                return origin;
            }
        };
    }

    @Override
    public void close() {
        repo.close();
    }
}
