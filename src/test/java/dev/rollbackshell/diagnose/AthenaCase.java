package dev.rollbackshell.diagnose;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.check.Baselines;
import dev.rollbackshell.git.GitRepo;
import dev.rollbackshell.plan.ActivePlan;
import dev.rollbackshell.plan.PlanLoader;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.restore.ActionRestore;
import dev.rollbackshell.restore.RestoreAction;
import dev.rollbackshell.restore.Restorer;
import dev.rollbackshell.testing.BackupFixtures;
import dev.rollbackshell.testing.Athena;
import dev.rollbackshell.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One replica project with a hand-made backup (and a baseline recorded once per JVM,
 * copied into each case), ready to be broken by a test.
 */
final class AthenaCase {

    private static Path template;

    final Path dir;
    final Project project;
    final List<String> progress = new ArrayList<>();

    private AthenaCase(Path dir) {
        this.dir = dir;
        this.project = Project.at(dir);
    }

    /** A fresh replica in {@code dir} with backup {@link Athena#BACKUP_ID}; {@code baseline}: with baseline.json in it. */
    static AthenaCase create(Path dir, boolean baseline) throws IOException {
        synchronized (AthenaCase.class) {
            if (template == null) {
                Path t = Files.createTempDirectory("athena-template");
                Athena.create(t);
                Path b = BackupFixtures.manual(t, Athena.BACKUP_ID, Athena.FOLDERS);
                new Baselines(Project.at(t), () -> new PlanLoader(Project.at(t)).active().plan(), m -> { }).record(b);
                template = t;
            }
        }
        TestFiles.copyTree(template, dir);
        if (!baseline) {
            Files.delete(dir.resolve("redundancy_reduction_backups").resolve(Athena.BACKUP_ID).resolve("baseline.json"));
        }
        return new AthenaCase(dir);
    }

    ActivePlan plan() {
        return new PlanLoader(project).active();
    }

    BackupStore store() {
        return new BackupStore(project);
    }

    Backup backup() {
        return store().resolve("latest");
    }

    Diagnosis diagnose() {
        return diagnose(false);
    }

    Diagnosis diagnose(boolean skipTests) {
        return new Diagnoser(project, plan(), store(), progress::add).diagnose(backup(), skipTests);
    }

    Suggestions suggest(Diagnosis d) {
        Backup b = backup();
        Optional<GitRepo> git = GitRepo.findReadable(project);
        try {
            return new Suggester(project, plan().plan(), b, store().manifest(b), git.orElse(null)).suggest(d);
        } finally {
            git.ifPresent(GitRepo::close);
        }
    }

    void write(String path, String content) throws IOException {
        TestFiles.write(dir, path, content);
    }

    String read(String path) throws IOException {
        return TestFiles.read(dir, path);
    }

    void delete(String path) throws IOException {
        Files.delete(dir.resolve(path));
    }

    void replace(String path, String from, String to) throws IOException {
        String text = read(path);
        if (!text.contains(from)) {
            throw new IllegalArgumentException(path + " has no " + from);
        }
        write(path, text.replace(from, to));
    }

    /**
     * Applies restore actions through the real restore path, as {@code restore suggestion}
     * does (one journal entry, {@code restore/ActionRestore}); without the lock, the
     * session and the verification that the use case adds.
     */
    void apply(List<RestoreAction> actions) {
        new ActionRestore(new Restorer(project, store(), m -> { })).apply("restore-suggestion", "test", actions, false);
    }
}
