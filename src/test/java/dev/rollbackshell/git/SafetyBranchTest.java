package dev.rollbackshell.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.project.Project;
import dev.rollbackshell.testing.GitCli;
import dev.rollbackshell.testing.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safety branch, checked with the real git command line. */
class SafetyBranchTest {

    @TempDir
    Path tmp;
    Path dir;
    GitCli git;
    Project project;

    @BeforeEach
    void repo() throws IOException {
        dir = Files.createDirectories(tmp.resolve("project"));
        git = GitCli.init(dir);
        write(".gitignore", "*.log\nbuild/\n/redundancy_reduction_backups/\n");
        write(".gitattributes", "*.utf16 working-tree-encoding=UTF-16LE\n");
        write("src/app.py", "print('v1')\n");
        write("src/keep.log", "tracked although ignored\n");
        write("build/tracked.txt", "tracked in an ignored folder\n");
        Files.write(dir.resolve("notes.utf16"), "notes in UTF-16\n".getBytes(StandardCharsets.UTF_16LE));
        git.run("add", ".gitignore", ".gitattributes", "src/app.py", "notes.utf16");
        git.run("add", "-f", "src/keep.log", "build/tracked.txt");
        git.run("commit", "-q", "-m", "initial");
        project = Project.at(dir);
    }

    Path write(String rel, String content) throws IOException {
        return TestFiles.write(dir, rel, content);
    }

    @Test
    void snapshotsTheWholeWorkingTreeWithoutTouchingIndexStatusOrFiles() throws IOException {
        write("src/app.py", "print('v2, not committed')\n");
        write("src/staged.py", "staged\n");
        git.run("add", "src/staged.py");
        write("src/staged.py", "staged, then edited again\n");
        write("src/new file ü.py", "untracked\n");
        write("src/debug.log", "ignored, untracked\n");
        write("build/other.txt", "untracked in an ignored folder\n");
        write("src/keep.log", "tracked although ignored, edited\n");
        Path tool = write("src/tool.sh", "#!/bin/sh\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(dir.resolve("src/link"), Path.of("../outside/target"));
        write("redundancy_reduction_backups/20250101_000000/src_backup/app.py", "old");
        write(".rollback/session.json", "{}");
        // odd length: not valid UTF-16, 'git add' itself would refuse it; stored as the bytes on disk
        Files.write(dir.resolve("notes.utf16"), new byte[] {'o', 'd', 'd'});

        String statusBefore = git.run("status", "--porcelain", "--untracked-files=all");
        byte[] indexBefore = Files.readAllBytes(dir.resolve(".git/index"));
        String headBefore = git.run("rev-parse", "HEAD");
        String branchBefore = git.run("symbolic-ref", "HEAD");

        SafetyBranch.Result r = new SafetyBranch(project).create(1, "Backup before Phase 1 redundancy reduction");

        assertThat(r.whyNot()).isNull();
        assertThat(r.made()).isTrue();
        assertThat(r.branch()).isEqualTo("redundancy_reduction_phase_1_backup");
        assertThat(Files.readAllBytes(dir.resolve(".git/index"))).isEqualTo(indexBefore);
        assertThat(git.run("status", "--porcelain", "--untracked-files=all")).isEqualTo(statusBefore)
                .contains(" M src/app.py", "AM src/staged.py", "?? \"src/new file", " M src/keep.log", " M notes.utf16");
        assertThat(git.run("rev-parse", "HEAD")).isEqualTo(headBefore);
        assertThat(git.run("symbolic-ref", "HEAD")).isEqualTo(branchBefore);
        assertThat(TestFiles.read(dir, "src/app.py")).isEqualTo("print('v2, not committed')\n");

        String ref = "redundancy_reduction_phase_1_backup";
        assertThat(git.run("rev-parse", ref).strip()).isEqualTo(r.commit());
        assertThat(git.run("rev-parse", ref + "^").strip()).isEqualTo(headBefore.strip());
        List<String> files = Arrays.asList(git.run("ls-tree", "-r", "--name-only", "-z", ref).split("\0"));
        assertThat(files).contains(".gitignore", "src/app.py", "src/staged.py", "src/new file ü.py", "src/keep.log",
                "build/tracked.txt", "src/tool.sh", "src/link", "notes.utf16");
        assertThat(files).doesNotContain("src/debug.log", "build/other.txt",
                "redundancy_reduction_backups/20250101_000000/src_backup/app.py", ".rollback/session.json");
        assertThat(files).noneMatch(f -> f.startsWith("redundancy_reduction_backups") || f.startsWith(".rollback"));

        // content exactly as on disk (no filters), modes as on disk
        assertThat(show(ref + ":src/app.py")).isEqualTo("print('v2, not committed')\n");
        assertThat(show(ref + ":src/staged.py")).isEqualTo("staged, then edited again\n");
        assertThat(git.bytes("cat-file", "blob", ref + ":notes.utf16")).isEqualTo(new byte[] {'o', 'd', 'd'});
        assertThat(show(ref + ":src/link")).isEqualTo("../outside/target");
        String tree = git.run("ls-tree", "-r", ref);
        assertThat(tree).containsPattern("100755 blob \\w+\tsrc/tool.sh");
        assertThat(tree).containsPattern("120000 blob \\w+\tsrc/link");
        assertThat(tree).containsPattern("100644 blob \\w+\tsrc/app.py");
        assertThat(git.run("reflog", "show", ref)).contains("rollback-shell");
        assertThat(git.run("stash", "list")).isEmpty();
    }

    @Test
    void anExistingBranchMovesForwardKeepingItsOldTipAsAParent() {
        SafetyBranch sb = new SafetyBranch(project);
        SafetyBranch.Result first = sb.create(2, "first");
        SafetyBranch.Result second = sb.create(2, "second");
        assertThat(second.previousTip()).isEqualTo(first.commit());
        String ref = "redundancy_reduction_phase_2_backup";
        assertThat(git.run("rev-parse", ref).strip()).isEqualTo(second.commit());
        assertThat(git.run("rev-parse", ref + "^1").strip()).isEqualTo(git.run("rev-parse", "HEAD").strip());
        assertThat(git.run("rev-parse", ref + "^2").strip()).isEqualTo(first.commit());
        assertThat(git.run("log", "--format=%s", ref)).contains("first").contains("second");
    }

    @Test
    void aBranchMadeByHandWithTheRunbooksCommandsIsListed() throws IOException {
        git.run("checkout", "-q", "-b", "redundancy_reduction_phase_1_backup");
        git.run("add", "-A");
        git.run("commit", "-q", "--allow-empty", "-m", "Backup before Phase 1 redundancy reduction");
        git.run("checkout", "-q", "main");
        git.run("tag", "v1");

        try (GitRepo repo = GitRepo.open(project)) {
            assertThat(repo.branchNames()).containsExactly("main", "redundancy_reduction_phase_1_backup");
            assertThat(repo.refNames()).containsExactly("HEAD", "main", "redundancy_reduction_phase_1_backup", "v1");
        }
        assertThat(new SafetyBranch(project).safetyBranches()).singleElement().satisfies(b -> {
            assertThat(b.name()).isEqualTo("redundancy_reduction_phase_1_backup");
            assertThat(b.subject()).isEqualTo("Backup before Phase 1 redundancy reduction");
        });
    }

    @Test
    void aSafetyBranchThatIsNoCommitIsLeftOutAndTheOthersStillListed() throws IOException {
        git.run("branch", "redundancy_reduction_phase_2_backup");
        // phase 1's points at a blob (written by hand: git itself refuses), sorted before phase 2's
        String blob = git.run("hash-object", "-w", "--stdin").strip();
        Files.writeString(dir.resolve(".git/refs/heads/redundancy_reduction_phase_1_backup"), blob + "\n");

        assertThat(new SafetyBranch(project).safetyBranches()).extracting(SafetyBranch.BranchInfo::name)
                .containsExactly("redundancy_reduction_phase_2_backup");
    }

    @Test
    void theCheckedOutBranchIsNeverMoved() {
        git.run("checkout", "-q", "-b", "redundancy_reduction_phase_1_backup");
        String tip = git.run("rev-parse", "HEAD");
        SafetyBranch.Result r = new SafetyBranch(project).create(1, "x");
        assertThat(r.made()).isFalse();
        assertThat(r.whyNot()).contains("checked out");
        assertThat(git.run("rev-parse", "HEAD")).isEqualTo(tip);
        assertThat(git.run("status", "--porcelain")).isEmpty();
    }

    @Test
    void aRepositoryWithoutCommitsGetsARootCommit() throws IOException {
        Path fresh = Files.createDirectories(tmp.resolve("fresh"));
        GitCli g = GitCli.init(fresh);
        TestFiles.write(fresh, "src/a.py", "a\n");
        SafetyBranch.Result r = new SafetyBranch(Project.at(fresh)).create(3, "root");
        assertThat(r.made()).isTrue();
        assertThat(g.run("rev-list", "--parents", "-n", "1", "redundancy_reduction_phase_3_backup").strip())
                .isEqualTo(r.commit());
        assertThat(g.run("ls-tree", "-r", "--name-only", "redundancy_reduction_phase_3_backup")).isEqualTo("src/a.py\n");
        assertThat(g.run("status", "--porcelain")).isEqualTo("?? src/\n");
    }

    @Test
    void notAGitRepositorySaysSo() throws IOException {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        SafetyBranch sb = new SafetyBranch(Project.at(plain));
        SafetyBranch.Result r = sb.create(1, "x");
        assertThat(r.made()).isFalse();
        assertThat(r.whyNot()).isEqualTo("not a git repository");
        assertThat(sb.safetyBranches()).isEmpty();
    }

    @Test
    void aRepositoryWhoseWorkTreeIsElsewhereIsNotTheProjects() throws IOException {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        git.run("config", "core.worktree", elsewhere.toString());
        SafetyBranch sb = new SafetyBranch(project);
        SafetyBranch.Result r = sb.create(1, "x");
        assertThat(r.made()).isFalse();
        assertThat(r.whyNot()).isEqualTo("not a git repository");
        assertThat(sb.safetyBranches()).isEmpty();
        assertThat(git.run("branch", "--list")).doesNotContain("redundancy_reduction");
    }

    @Test
    void aBrokenRepositoryIsReportedNotThrown() throws IOException {
        Files.writeString(dir.resolve(".git/HEAD"), "garbage\n");
        SafetyBranch.Result r = new SafetyBranch(Project.at(dir)).create(1, "x");
        assertThat(r.made()).isFalse();
        assertThat(r.whyNot()).isNotBlank();
    }

    String show(String spec) {
        return new String(git.bytes("cat-file", "blob", spec), StandardCharsets.UTF_8);
    }
}
