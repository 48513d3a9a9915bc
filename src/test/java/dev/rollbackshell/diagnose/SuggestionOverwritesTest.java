package dev.rollbackshell.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.backup.BackupService;
import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.check.Baselines;
import dev.rollbackshell.git.GitRepo;
import dev.rollbackshell.plan.ActivePlan;
import dev.rollbackshell.plan.Plan;
import dev.rollbackshell.plan.PlanLoader;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.restore.ActionRestore;
import dev.rollbackshell.restore.RestoreAction;
import dev.rollbackshell.restore.RestoreReport;
import dev.rollbackshell.restore.Restorer;
import dev.rollbackshell.restore.SourceEntry;
import dev.rollbackshell.testing.GitCli;
import dev.rollbackshell.testing.SampleProject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a suggestion says it would overwrite is what applying it overwrites: for every
 * suggestion on each demo phase (the sample project in git, a backup with its safety
 * branch, then the phase's breakage committed, as {@code scripts/demo} does), its
 * {@code overwrites} equal the files and links the dry run of {@code restore suggestion N}
 * would write over or remove, read from that dry run's reports. A generated file the
 * backup does not have and git ignores is among them for the backup's exact restore
 * (which removes it), not for the safety branch's (which leaves what git ignores).
 */
class SuggestionOverwritesTest {

    private static final List<String> FOLDERS = List.of("src", "tests", "data");
    private static final String PYC = "src/utils/__pycache__/data_loader.cpython-312.pyc";

    @TempDir
    Path dir;

    static List<String> phases() {
        return SampleProject.PHASES;
    }

    @ParameterizedTest(name = "phase {0}")
    @MethodSource("phases")
    void everySuggestionOverwritesWhatItsDryRunWouldOverwrite(String phase) throws Exception {
        Project project = Project.at(SampleProject.copyTo(dir));
        quietPerformanceCheck();
        BackupStore store = new BackupStore(project);
        {
            GitCli git = GitCli.init(dir);
            git.commitAll("Athena before the phase");
            int number = phase.equals("nuclear") ? 3 : Integer.parseInt(phase);
            new BackupService(project, store, m -> { })
                    .create(FOLDERS, number, "before phase " + phase, false, null);
            assertThat(SampleProject.breakIt(dir, phase).status()).isZero();
            git.commitAll("the phase, gone wrong");
        }
        // what running the code outside the tool leaves (git ignores it; the backup has none):
        // an exact restore from the backup removes it, one from git leaves it
        Files.createDirectories(dir.resolve("src/utils/__pycache__"));
        Files.write(dir.resolve(PYC), new byte[] {0x55, 0x0d, 0x0d, 0x0a});
        ActivePlan plan = new PlanLoader(project).active();
        Backup backup = store.resolve("latest");
        new Baselines(project, plan::plan, m -> { }).record(backup.dir());
        Diagnosis d = new Diagnoser(project, plan, store, m -> { }).diagnose(store.resolve("latest"), false);
        assertThat(d.healthy()).isFalse();

        Suggestions s;
        Suggestion knownGood;
        try (GitRepo git = GitRepo.findReadable(project).orElseThrow()) {
            Suggester suggester = new Suggester(project, plan.plan(), backup, store.manifest(backup), git);
            s = suggester.suggest(d);
            // the last known good state is offered by the search, its overwrites added the same way
            knownGood = suggester.withOverwrites(new Suggestion(1, SuggestionKind.KNOWN_GOOD, FOLDERS, "git HEAD~1", null,
                    "the commit before the phase", List.of(), List.of(RestoreAction.fromGit(FOLDERS, "HEAD~1", true)), null));
        }
        assertThat(s.suggestions()).extracting(Suggestion::kind).contains(SuggestionKind.FILES, SuggestionKind.BACKUP, SuggestionKind.GIT);
        assertThat(s.suggestions()).filteredOn(x -> x.kind().equals(SuggestionKind.BACKUP)).singleElement()
                .satisfies(x -> assertThat(x.overwrites()).contains(PYC));
        assertThat(s.suggestions()).filteredOn(x -> x.kind().equals(SuggestionKind.GIT)).singleElement()
                .satisfies(x -> assertThat(x.overwrites()).doesNotContain(PYC).isNotEmpty());
        ActionRestore restore = new ActionRestore(new Restorer(project, store, m -> { }));
        for (Suggestion x : s.suggestions()) {
            List<RestoreReport> dryRun = restore.apply("restore-suggestion", "suggestion " + x.rank(), x.actions(), true);
            assertThat(x.overwrites()).as("suggestion %d (%s %s)", x.rank(), x.kind(), x.paths())
                    .isEqualTo(overwritten(dryRun, dir));
        }
        List<RestoreReport> dryRun = restore.apply("restore-suggestion", "known good", knownGood.actions(), true);
        assertThat(knownGood.overwrites()).isNotEmpty().isEqualTo(overwritten(dryRun, dir));
    }

    /**
     * The project's files and links a dry run would write over or remove: every removed
     * path that is not a folder, and every written path that holds a file or link now.
     */
    private static List<String> overwritten(List<RestoreReport> reports, Path root) {
        TreeSet<String> out = new TreeSet<>();
        for (RestoreReport r : reports) {
            r.removed().stream().filter(i -> !SourceEntry.DIR.equals(i.type())).forEach(i -> out.add(i.path()));
            for (RestoreReport.Item i : r.written()) {
                Path here = root.resolve(i.path());
                if (Files.exists(here, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(here, LinkOption.NOFOLLOW_LINKS)) {
                    out.add(i.path());
                }
            }
        }
        return List.copyOf(out);
    }

    /** The built-in runbook as the plan, with a noise floor no timing reaches (as the golden files have it). */
    private void quietPerformanceCheck() throws Exception {
        try (InputStream in = Plan.class.getResourceAsStream("runbook.yml")) {
            String runbook = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("rollback-plan.yml"),
                    runbook.replace("  thresholdPercent: 50\n", "  thresholdPercent: 50\n  noiseMillis: 600000\n"));
        }
    }
}
