package dev.rollbackshell.backup;

import dev.rollbackshell.project.FreeSpace;
import dev.rollbackshell.project.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The free-space check before {@code backup create} ({@link BackupService}): what the new
 * backup will add to the backups' file system, counted with {@code project/FreeSpace}
 * before anything is written, the files the previous backup ({@link LinkSource}) can lend
 * by a hard link left out.
 */
final class BackupSpace {

    private BackupSpace() {
    }

    /**
     * Refuses before anything is written when the backups' file system cannot hold the new
     * bytes: every file the previous backup cannot lend by a hard link (rounded to whole
     * blocks), plus the folders and the manifest. Walks the folders once (a stat each)
     * unless the free space is far more than what they can hold, when it cannot matter:
     * more than the whole previous backup, or more than their file system has in use when
     * the folders lie on the backups' file system ({@link FreeSpace#heldAtMost}; a first
     * backup inside the project is that case). An estimate: a file that grows while the
     * backup runs, or a large sparse file, can still fill the disk, and then the unfinished
     * copy is removed (nothing is published).
     */
    static void require(Project project, Path root, List<String> folders, LinkSource previous) throws IOException {
        long free = FreeSpace.usable(root);
        if (free < 0) {
            return;
        }
        if (previous != null) {
            long total = 0;
            for (ManifestEntry e : previous.entries().values()) {
                total += FreeSpace.allocation(e.size()) + 256;
            }
            if (free / 2 > total + (1L << 30)) {
                return;
            }
        }
        List<Path> dirs = folders.stream().map(project::file).toList();
        long held = FreeSpace.heldAtMost(root, dirs);
        if (held >= 0 && free > held + held / 4 + (1L << 30)) {
            return; // the folders cannot hold more than their file system has in use; a quarter more for the manifest
        }
        long[] need = {0, 0, 0}; // file bytes, entries' overhead, files to copy
        for (String f : folders) {
            Path dir = project.file(f);
            Files.walkFileTree(dir, new java.nio.file.SimpleFileVisitor<>() {
                @Override
                public java.nio.file.FileVisitResult preVisitDirectory(Path d, java.nio.file.attribute.BasicFileAttributes a) {
                    need[1] += FreeSpace.BLOCK;
                    return java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes a) {
                    String rel = f + "/" + dir.relativize(file).toString();
                    need[1] += 256 + rel.length(); // its manifest line
                    if (a.isRegularFile()) {
                        String mode = previous == null ? null : TreeScanner.mode(file);
                        if (previous == null || !previous.unchanged(previous.entries().get(rel), a.size(),
                                a.lastModifiedTime().toMillis(), mode)) {
                            need[0] += FreeSpace.allocation(a.size());
                            need[2]++;
                        }
                    }
                    return java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
                    return java.nio.file.FileVisitResult.CONTINUE; // the copy itself reports it
                }
            });
        }
        FreeSpace.require(root, need[0] + need[1], "the backup (" + need[2] + (need[2] == 1 ? " file" : " files")
                + " to copy)", "new bytes " + FreeSpace.bytes(need[0]) + " + folders and manifest "
                + FreeSpace.bytes(need[1]) + ", in " + root);
    }
}
