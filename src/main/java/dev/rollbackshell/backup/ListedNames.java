package dev.rollbackshell.backup;

import static dev.rollbackshell.backup.BackupVerifier.EXTRA;
import static dev.rollbackshell.backup.BackupVerifier.UNREADABLE;

import dev.rollbackshell.backup.BackupVerifier.Problem;
import dev.rollbackshell.project.Failures;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * For {@link BackupVerifier}, full and sampled: a backup's folders compared with its
 * manifest by their listings. Each folder the manifest knows is listed once, by name only
 * (no look at each file); a name the manifest does not know there is extra, and a name it
 * knows that the listing lacks is gone. A backup folder ({@code src_backup}) the manifest
 * does not list is extra too.
 */
final class ListedNames {

    private static final String NOT_IN_MANIFEST = "not in the manifest (added to the backup since)";

    /** How an extra folder is reported: once by its name, or file by file. */
    enum ExtraFolders {
        /** The folder once, by its name (a sample). */
        BY_NAME,
        /** Each file in it and each empty folder, walked (a full run; extras are rare, so the walk costs nothing usually). */
        EACH_FILE
    }

    private ListedNames() {
    }

    /**
     * Lists the backup's folders and adds a problem for each extra name and each folder
     * that cannot be listed. Returns the project paths of the entries the listings lack
     * ("gone"), for the caller to report or not; a folder that is gone itself is not
     * listed, and every entry under it is gone.
     */
    static Set<String> compare(Backup b, Manifest manifest, List<Problem> problems, ExtraFolders extraFolders) {
        extraTopFolders(b, manifest, problems);
        Map<String, Set<String>> children = new TreeMap<>(); // parents before their children
        for (String folder : b.folders()) {
            if (listed(manifest, folder)) {
                children.put(folder, new HashSet<>()); // listed even when the manifest holds nothing in it
            }
        }
        for (ManifestEntry e : manifest.entries()) {
            if (e.isDir()) {
                children.computeIfAbsent(e.path(), k -> new HashSet<>());
            }
            String p = e.path();
            for (int slash = p.lastIndexOf('/'); slash > 0; slash = p.lastIndexOf('/')) {
                children.computeIfAbsent(p.substring(0, slash), k -> new HashSet<>()).add(p.substring(slash + 1));
                p = p.substring(0, slash);
            }
        }
        Set<String> gone = new HashSet<>();
        Set<String> unlisted = new HashSet<>();
        for (Map.Entry<String, Set<String>> f : children.entrySet()) {
            String folder = f.getKey();
            int up = folder.lastIndexOf('/');
            if (up > 0 && unlisted.contains(folder.substring(0, up))) {
                unlisted.add(folder); // its parent is gone: reported there
                continue;
            }
            Path copy = b.copyOf(folder);
            Set<String> names = copy == null ? null : new HashSet<>();
            if (copy != null) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(copy)) {
                    for (Path n : ds) {
                        names.add(n.getFileName().toString());
                    }
                } catch (NoSuchFileException | NotDirectoryException e) {
                    names = null;
                } catch (IOException e) {
                    problems.add(new Problem(b.id(), folder, UNREADABLE, Failures.describe(e)));
                    unlisted.add(folder);
                    continue;
                }
            }
            if (names == null) {
                unlisted.add(folder);
                for (String n : f.getValue()) {
                    gone.add(folder + "/" + n);
                }
                continue;
            }
            for (String n : f.getValue()) {
                if (!names.contains(n)) {
                    gone.add(folder + "/" + n);
                }
            }
            for (String n : names) {
                if (!f.getValue().contains(n)) {
                    extra(b, folder + "/" + n, copy.resolve(n), problems, extraFolders);
                }
            }
        }
        return gone;
    }

    /** A backup folder ({@code src_backup}) that the manifest does not list is extra. */
    private static void extraTopFolders(Backup b, Manifest manifest, List<Problem> problems) {
        for (String folder : b.folders()) {
            if (!listed(manifest, folder)) {
                problems.add(new Problem(b.id(), folder + BackupLayout.SUFFIX, EXTRA, "a folder the manifest does not list"));
            }
        }
    }

    /** True when the manifest lists {@code folder} (a hand-made backup's lists none: all of its folders count). */
    private static boolean listed(Manifest manifest, String folder) {
        return manifest.folders().isEmpty() || manifest.folders().contains(folder);
    }

    private static void extra(Backup b, String path, Path copy, List<Problem> problems, ExtraFolders extraFolders) {
        if (extraFolders == ExtraFolders.BY_NAME || !Files.isDirectory(copy, LinkOption.NOFOLLOW_LINKS)) {
            problems.add(new Problem(b.id(), path, EXTRA, NOT_IN_MANIFEST));
            return;
        }
        try {
            Files.walkFileTree(copy, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (isEmpty(dir)) {
                        problems.add(new Problem(b.id(), rel(dir), EXTRA, NOT_IN_MANIFEST));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    problems.add(new Problem(b.id(), rel(file), EXTRA, NOT_IN_MANIFEST));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    problems.add(new Problem(b.id(), rel(file), UNREADABLE, Failures.describe(exc)));
                    return FileVisitResult.CONTINUE;
                }

                private String rel(Path p) {
                    return p.equals(copy) ? path : path + "/" + copy.relativize(p).toString().replace('\\', '/');
                }
            });
        } catch (IOException | RuntimeException e) {
            problems.add(new Problem(b.id(), path, UNREADABLE, Failures.describe(e)));
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
