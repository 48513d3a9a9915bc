package dev.rollbackshell.check;

import dev.rollbackshell.project.Clocks;
import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.backup.BackupLayout;
import dev.rollbackshell.backup.BaselineRecorder;
import dev.rollbackshell.backup.Trees;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.plan.Plan;
import dev.rollbackshell.project.AtomicFiles;
import dev.rollbackshell.project.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Baselines of backups: recorded into a backup by {@code backup create} (as its
 * {@link BaselineRecorder}), read back, or, for a backup that has none (made by hand, or
 * with {@code --no-baseline}), computed once from the backup's own copies in a scratch
 * folder and cached in {@code .rollback/baselines/} (the backup itself is never written).
 */
public final class Baselines implements BaselineRecorder {

    /** Top-level folders never copied into a scratch project. */
    private static final Set<String> NOT_COPIED = Set.of(".git", Project.STATE_DIR, Project.BACKUP_ROOT, "target", "build",
            "dist", ".idea", ".vscode", "__pycache__", ".pytest_cache", ".tox", ".gradle");
    /** Dependency folders linked, not copied, into a scratch project (large, only read). */
    private static final Set<String> LINKED = Set.of("node_modules", ".venv", "venv");

    private final Project project;
    private final Supplier<Plan> plan;
    private final Progress progress;

    public Baselines(Project project, Supplier<Plan> plan, Progress progress) {
        this.project = project;
        this.plan = plan;
        this.progress = progress;
    }

    /** {@code backup create}: runs the checks on the project as it is and writes {@code baseline.json} into the new backup. */
    @Override
    public void record(Path backupDir) throws IOException {
        progress.say("baseline: running the plan's checks on the project (backup create --no-baseline skips this)");
        // kept in the check cache too: a diagnose or verify of the unchanged tree then answers at once
        CheckReport report = new CheckCache(project, progress, Interpreter.of(project.root())).run(plan.get(), CheckSuite.Options.ALL, true).report();
        Baseline b = new Baseline(Baseline.VERSION, Clocks.now(), Baseline.FROM_BACKUP,
                backupDir.getFileName().toString(), plan.get().name(), List.of(), report.compact());
        AtomicFiles.write(backupDir.resolve(BackupLayout.BASELINE), Json.bytes(b));
        if (!b.healthy()) {
            progress.say("warning: the baseline's checks fail: " + String.join("; ", b.unhealthy()) + ". The backup is kept"
                    + " and marked 'baseline: unhealthy': diagnose cannot tell regressions against it (try"
                    + " 'diagnose --find-good'); check the plan's test command ('plan show')");
        }
    }

    /** The baseline a backup holds or that was computed for it earlier, if any. */
    public Optional<Baseline> stored(Backup backup) {
        for (Path f : List.of(backup.baselineFile(), cacheFile(backup))) {
            if (Files.isRegularFile(f)) {
                try {
                    return Optional.of(Json.read(f, Baseline.class));
                } catch (IOException e) {
                    progress.say("warning: baseline " + f + " is unreadable (" + e.getMessage().lines().findFirst().orElse("")
                            + "); ignoring it");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The baseline of a backup: stored, or computed now from its copies (and cached), with the
     * interpreter of the run that asks ({@code interpreter}, resolved for the project).
     */
    public Baseline of(Backup backup, Interpreter interpreter) {
        Optional<Baseline> s = stored(backup);
        if (s.isPresent()) {
            return s.get();
        }
        progress.say("baseline: backup " + backup.id() + " has none; computing it from the backup's own copies"
                + " (once; cached in .rollback/baselines/)");
        Baseline b = compute(backup, interpreter);
        try {
            AtomicFiles.write(cacheFile(backup), Json.bytes(b));
        } catch (IOException e) {
            progress.say("warning: cannot cache the baseline: " + e.getMessage());
        }
        return b;
    }

    private Path cacheFile(Backup backup) {
        return project.state("baselines").resolve(backup.id() + ".json");
    }

    /** Runs the checks on a scratch project made of the backup's copies and the project's other top-level files. */
    Baseline compute(Backup backup, Interpreter interpreter) {
        Plan p = plan.get();
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("rollback-baseline-" + backup.id() + "-");
            List<String> notes = new ArrayList<>();
            for (String folder : backup.folders()) {
                copyTree(backup.dir().resolve(folder + BackupLayout.SUFFIX), scratch.resolve(folder));
            }
            List<String> borrowed = new ArrayList<>();
            try (Stream<Path> top = Files.list(project.root())) {
                for (Path entry : (Iterable<Path>) top::iterator) {
                    String name = entry.getFileName().toString();
                    if (backup.folders().contains(name) || NOT_COPIED.contains(name)) {
                        continue;
                    }
                    if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                        if (LINKED.contains(name)) {
                            Files.createSymbolicLink(scratch.resolve(name), entry);
                        } else {
                            copyTree(entry, scratch.resolve(name));
                            if (p.foldersOrDefault().contains(name)) {
                                borrowed.add(name);
                            }
                        }
                    } else if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                        Files.copy(entry, scratch.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
            if (!borrowed.isEmpty()) {
                notes.add("the backup holds no copy of " + String.join(", ", borrowed) + "; the project's current "
                        + String.join(", ", borrowed) + " was used to run the checks, and its data is not compared");
            }
            CheckReport report = new CheckSuite(p, scratch, progress, interpreter).run(CheckSuite.Options.ALL);
            if (report.data() != null && !borrowed.isEmpty()) {
                List<DataResult> kept = report.data().stream()
                        .filter(d -> !borrowed.contains(top(d.glob()))).toList();
                report = new CheckReport(report.imports(), report.functionality(), report.components(),
                        report.componentStatus(), kept, report.performance(), report.tests(), report.checksMillis());
            }
            return new Baseline(Baseline.VERSION, Clocks.now(), Baseline.COMPUTED, backup.id(), p.name(), notes,
                    report.compact());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build a scratch copy of backup " + backup.id(), e);
        } finally {
            Trees.deleteQuietly(scratch);
        }
    }

    private static String top(String path) {
        int i = path.indexOf('/');
        return i < 0 ? path : path.substring(0, i);
    }

    /** Copies a tree (links copied as links, never followed); copies are writable even where the backup's are read-only. */
    static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(file).toString());
                if (attrs.isSymbolicLink()) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(file));
                } else if (attrs.isRegularFile()) {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                    target.toFile().setWritable(true, true);
                    if (Files.isExecutable(file)) {
                        target.toFile().setExecutable(true, false);
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
