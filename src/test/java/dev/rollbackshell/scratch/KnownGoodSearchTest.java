package dev.rollbackshell.scratch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.diagnose.Proof;
import dev.rollbackshell.diagnose.Suggestion;
import dev.rollbackshell.diagnose.SuggestionKind;
import dev.rollbackshell.git.GitRepo;
import dev.rollbackshell.plan.PlanLoader;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.testing.BackupFixtures;
import dev.rollbackshell.testing.GitCli;
import dev.rollbackshell.testing.TestFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The last known good state: backups newest first, then git history bisected, all in scratch copies. */
class KnownGoodSearchTest {

    @TempDir
    Path dir;

    private static final String PLAN = """
            protectedFolders: [src]
            imports:
              - {id: mod, python: "import src.mod"}
            """;

    private final List<String> said = new ArrayList<>();

    private KnownGoodSearch.Result search(Project p) {
        var active = new PlanLoader(p).active();
        BackupStore store = new BackupStore(p);
        Prover prover = new Prover(p, active, store, said::add);
        try (GitRepo git = GitRepo.findReadable(p).orElse(null)) {
            return new KnownGoodSearch(prover, active.plan(), store, git, true, said::add).search();
        }
    }

    /** 20 commits; the break comes in with commit number {@code breakAt} (1 = the oldest) and stays. */
    private List<String> history(int breakAt) throws Exception {
        TestFiles.write(dir, "rollback-plan.yml", PLAN);
        TestFiles.write(dir, "src/__init__.py", "");
        List<String> commits = new ArrayList<>();
        {
            GitCli git = GitCli.init(dir);
            for (int i = 1; i <= 20; i++) {
                TestFiles.write(dir, "src/mod.py", (i >= breakAt ? "raise ImportError('broken since " + breakAt + "')\n" : "")
                        + "VERSION = " + i + "\n");
                commits.add(git.commitAll("commit " + i));
            }
        }
        TestFiles.write(dir, "src/mod.py", "raise ImportError('still broken')\n");
        return commits;
    }

    @Test
    void bisectionFindsTheNewestGoodCommitInAtMostLog2PlusOneRunsAndReadsOnly() throws Exception {
        for (int breakAt : List.of(13, 2, 20)) {
            TestFiles.deleteContents(dir);
            said.clear();
            List<String> commits = history(breakAt);
            Project p = Project.at(dir);
            TreeMap<String, String> before = ScratchCopyTest.everything(dir);
            KnownGoodSearch.Result r = search(p);
            assertThat(ScratchCopyTest.everything(dir)).isEqualTo(before);
            assertThat(r.knownGood().found()).as("break at %d: %s", breakAt, said).isTrue();
            assertThat(r.knownGood().source()).isEqualTo("git");
            assertThat(r.knownGood().id()).as("break at %d", breakAt).isEqualTo(commits.get(breakAt - 2));
            assertThat(r.knownGood().tried()).as("break at %d: %s", breakAt, r.knownGood().steps())
                    .isLessThanOrEqualTo((int) Math.ceil(Math.log(20) / Math.log(2)) + 1);
            Suggestion s = r.suggestion();
            assertThat(s.kind()).isEqualTo(SuggestionKind.KNOWN_GOOD);
            assertThat(s.actions()).singleElement().satisfies(a -> {
                assertThat(a.gitRef()).isEqualTo(commits.get(breakAt - 2));
                assertThat(a.exact()).isTrue();
            });
            assertThat(s.proof().status()).isEqualTo(Proof.Status.HEALS);
            assertThat(r.knownGood().label()).contains("commit " + commits.get(breakAt - 2).substring(0, 7))
                    .contains("the last known good state");
        }
    }

    @Test
    void noGoodStateWhenEvenTheFirstCommitFails() throws Exception {
        history(1);
        KnownGoodSearch.Result r = search(Project.at(dir));
        assertThat(r.knownGood().found()).isFalse();
        assertThat(r.suggestion()).isNull();
        assertThat(r.knownGood().tried()).isEqualTo(1);
    }

    @Test
    void aGoodBackupIsFoundBeforeAnyCommitIsTried() throws Exception {
        history(10);
        // a backup of a good state, then a newer one taken after the break
        TestFiles.write(dir, "src/mod.py", "VERSION = 1\n");
        BackupFixtures.tool(dir, "20260101_120000", "src");
        TestFiles.write(dir, "src/mod.py", "raise ImportError('broken')\n");
        BackupFixtures.tool(dir, "20260102_120000", "src");
        KnownGoodSearch.Result r = search(Project.at(dir));
        assertThat(r.knownGood().found()).isTrue();
        assertThat(r.knownGood().source()).isEqualTo("backup");
        assertThat(r.knownGood().id()).isEqualTo("20260101_120000");
        assertThat(r.knownGood().tried()).isEqualTo(2);
        assertThat(r.knownGood().steps()).first().asString().startsWith("backup 20260102_120000 fails");
    }
}
