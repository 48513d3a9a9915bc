package dev.rollbackshell.testing;

import dev.rollbackshell.backup.BackupLayout;
import dev.rollbackshell.backup.Manifest;
import dev.rollbackshell.backup.ManifestEntry;
import dev.rollbackshell.backup.TreeScanner;
import dev.rollbackshell.json.Json;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Backups for tests, made without the tool's own {@code backup create}: as the runbook
 * makes them by hand ({@code cp -r src/ "$BACKUP_DIR/src_backup/"}), or as the tool makes
 * them (copies with the originals' times and modes, {@code manifest.json} beside them,
 * copies read-only).
 */
public final class BackupFixtures {

    private BackupFixtures() {
    }

    /**
     * The tests' one hand-made backup: the runbook's {@code cp -r} of each folder that
     * exists, into {@code redundancy_reduction_backups/ID/FOLDER_backup/}.
     */
    public static Path manual(Path project, String id, String... folders) throws IOException {
        Path dir = project.resolve("redundancy_reduction_backups").resolve(id);
        Files.createDirectories(dir);
        for (String f : folders) {
            if (Files.isDirectory(project.resolve(f))) {
                TestFiles.copyTree(project.resolve(f), dir.resolve(f + BackupLayout.SUFFIX));
            }
        }
        return dir;
    }

    /** A backup as the tool makes it: copies keep times and modes, a manifest, copies made read-only. */
    public static Path tool(Path project, String id, String... folders) throws IOException {
        Path dir = project.resolve("redundancy_reduction_backups").resolve(id);
        Files.createDirectories(dir);
        List<ManifestEntry> entries = new ArrayList<>();
        List<String> held = new ArrayList<>();
        for (String f : folders) {
            Path src = project.resolve(f);
            if (!Files.isDirectory(src)) {
                continue;
            }
            held.add(f);
            entries.addAll(TreeScanner.scan(src, f, true));
            TestFiles.copyTree(src, dir.resolve(f + BackupLayout.SUFFIX), true);
        }
        long bytes = entries.stream().filter(ManifestEntry::isFile).mapToLong(ManifestEntry::size).sum();
        Manifest m = new Manifest(Manifest.VERSION, id, Instant.now(), 1, "test backup", "tool", held, List.of(),
                null, null, bytes, entries);
        Files.write(dir.resolve(BackupLayout.MANIFEST), Json.bytes(m));
        makeReadOnly(dir);
        return dir;
    }

    private static void makeReadOnly(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                if (!a.isSymbolicLink() && !f.getFileName().toString().equals(BackupLayout.MANIFEST)) {
                    FileTime t = a.lastModifiedTime();
                    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r--r--r--"));
                    Files.setLastModifiedTime(f, t);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** A small project shaped like the runbook's: src with packages, tests, data. */
    public static void sampleProject(Path project) throws IOException {
        TestFiles.write(project, "src/batch_processor/progress_tracker.py", "class ProgressTracker:\n    pass\n");
        TestFiles.write(project, "src/batch_processor/dynamic_scaling_controller.py",
                "from .progress_tracker import ProgressTracker\n");
        TestFiles.write(project, "src/batch_processor/batch_manager.py", "class BatchManager:\n    pass\n");
        TestFiles.write(project, "src/iterative_refinement_system.py", "class IterativeRefinementSystem:\n    pass\n");
        TestFiles.write(project, "src/ai_analysis/notes_manager.py", "class NotesManager:\n    pass\n");
        TestFiles.write(project, "tests/test_scaling.py", "def test_scaling():\n    assert True\n");
        TestFiles.write(project, "data/metrics/run1.json", "[1, 2, 3]\n");
    }
}
