package dev.rollbackshell.scratch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.backup.Hashing;
import dev.rollbackshell.restore.RestoreAction;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.restore.ActionRestore;
import dev.rollbackshell.restore.Restorer;
import dev.rollbackshell.testing.BackupFixtures;
import dev.rollbackshell.testing.GitCli;
import dev.rollbackshell.testing.TestFiles;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scratch copies: fast, and nothing done in one reaches the project, its .git or a backup. */
public class ScratchCopyTest {

    @TempDir
    Path dir;

    private Project project() throws Exception {
        TestFiles.write(dir, "src/a.py", "A = 1\n");
        TestFiles.write(dir, "src/b.py", "B = 1\n");
        TestFiles.write(dir, "src/pkg/deep.py", "D = 1\n");
        TestFiles.write(dir, "data/x.json", "[1, 2]\n");
        TestFiles.write(dir, "setup.cfg", "[metadata]\n");
        Files.createSymbolicLink(dir.resolve("src/alias.py"), Path.of("a.py"));
        {
            GitCli git = GitCli.init(dir);
            git.commitAll("first");
        }
        BackupFixtures.tool(dir, "20260101_120000", "src", "data");
        // the break: a.py edited, b.py deleted, c.py added
        TestFiles.write(dir, "src/a.py", "A = 2  # broken\n");
        Files.delete(dir.resolve("src/b.py"));
        TestFiles.write(dir, "src/c.py", "C = 1\n");
        return Project.at(dir);
    }

    @Test
    void aCandidateAppliedAndWrittenOverInTheCopyLeavesProjectGitAndBackupsAsTheyWere() throws Exception {
        Project project = project();
        TreeMap<String, String> before = everything(dir);
        Restorer restorer = new Restorer(project, new BackupStore(project), m -> { });
        try (ScratchCopy sc = ScratchCopy.create(project, p -> p.startsWith("data/"))) {
            new ActionRestore(restorer).withChanges(List.of(RestoreAction.fromBackup(List.of("src"), "20260101_120000", true)),
                    changes -> {
                        sc.apply(changes);
                        return null;
                    });
            Path s = sc.root();
            assertThat(s).startsWith(dir.resolve(".rollback/scratch"));
            assertThat(Files.readString(s.resolve("src/a.py"))).isEqualTo("A = 1\n");
            assertThat(Files.readString(s.resolve("src/b.py"))).isEqualTo("B = 1\n");
            assertThat(s.resolve("src/c.py")).doesNotExist();
            assertThat(Files.readSymbolicLink(s.resolve("src/alias.py"))).isEqualTo(Path.of("a.py"));
            assertThat(s.resolve(".git")).doesNotExist();
            assertThat(s.resolve("redundancy_reduction_backups")).doesNotExist();
            // untouched files are hard links to the project's; restored and copied ones are new files
            assertThat(inode(s.resolve("src/pkg/deep.py"))).isEqualTo(inode(dir.resolve("src/pkg/deep.py")));
            assertThat(inode(s.resolve("setup.cfg"))).isEqualTo(inode(dir.resolve("setup.cfg")));
            assertThat(inode(s.resolve("data/x.json"))).isNotEqualTo(inode(dir.resolve("data/x.json")));
            assertThat(sc.linked()).isGreaterThanOrEqualTo(2);
            // what a check might do in the copy: write over restored files and data, delete, chmod
            for (String f : List.of("src/a.py", "src/b.py", "data/x.json")) {
                Files.writeString(s.resolve(f), "scribbled\n", StandardOpenOption.APPEND);
                Files.setPosixFilePermissions(s.resolve(f), PosixFilePermissions.fromString("rwxrwxrwx"));
            }
            Files.delete(s.resolve("src/pkg/deep.py"));
            TestFiles.write(s, "src/new_in_scratch.py", "x\n");
            assertThat(Files.readString(dir.resolve("src/a.py"))).isEqualTo("A = 2  # broken\n");
        }
        assertThat(dir.resolve(".rollback/scratch")).doesNotExist();
        assertThat(everything(dir)).isEqualTo(before);
    }

    @Test
    void gitCandidatesComeFromTheCommitAndTheRepositoryIsOnlyRead() throws Exception {
        Project project = project();
        TreeMap<String, String> before = everything(dir);
        Restorer restorer = new Restorer(project, new BackupStore(project), m -> { });
        try (ScratchCopy sc = ScratchCopy.create(project, null)) {
            new ActionRestore(restorer).withChanges(List.of(RestoreAction.fromGit(List.of("src"), "HEAD", true)), changes -> {
                sc.apply(changes);
                return null;
            });
            assertThat(Files.readString(sc.root().resolve("src/a.py"))).isEqualTo("A = 1\n");
            assertThat(Files.readString(sc.root().resolve("src/b.py"))).isEqualTo("B = 1\n");
            assertThat(sc.root().resolve("src/c.py")).doesNotExist();
            assertThat(inode(sc.root().resolve("src/a.py"))).isNotEqualTo(inode(dir.resolve("src/a.py")));
        }
        assertThat(everything(dir)).isEqualTo(before);
    }

    @Test
    void copiesACrashedRunLeftAreSweptAndThoseOfLiveRunsStay() throws Exception {
        Project project = project();
        Path base = dir.resolve(".rollback/scratch");
        TestFiles.write(base, "999999999-1/src/a.py", "left by a crash\n");
        TestFiles.write(base, "garbage/x", "not ours by name\n");
        long live = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L);
        TestFiles.write(base, live + "-1/src/a.py", "a live run's\n");
        assertThat(ScratchCopy.sweep(project)).isEqualTo(2);
        assertThat(base.resolve("999999999-1")).doesNotExist();
        assertThat(base.resolve("garbage")).doesNotExist();
        assertThat(base.resolve(live + "-1")).exists();
    }

    @Test
    void aCopyOfAProjectWithAReadOnlyFolderIsMadeAndRemoved() throws Exception {
        Project project = project();
        Path ro = dir.resolve("src/pkg");
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Path root;
            try (ScratchCopy sc = ScratchCopy.create(project, null)) {
                root = sc.root();
                assertThat(root.resolve("src/pkg/deep.py")).exists();
            }
            assertThat(root).doesNotExist();
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static Object inode(Path p) throws IOException {
        return Files.readAttributes(p, BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    /** Every path under root, .git and the backups included (not .rollback): type, mode, mtime, content hash, link target. */
    public static TreeMap<String, String> everything(Path root) throws IOException {
        TreeMap<String, String> out = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                String rel = root.relativize(d).toString();
                if (rel.equals(".rollback")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                out.put(rel, "dir " + PosixFilePermissions.toString(Files.getPosixFilePermissions(d)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                String rel = root.relativize(f).toString();
                if (attrs.isSymbolicLink()) {
                    out.put(rel, "link " + Files.readSymbolicLink(f));
                } else {
                    out.put(rel, "file " + PosixFilePermissions.toString(Files.getPosixFilePermissions(f)) + " "
                            + attrs.lastModifiedTime().toMillis() + " " + Hashing.sha256(f));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return out;
    }
}
