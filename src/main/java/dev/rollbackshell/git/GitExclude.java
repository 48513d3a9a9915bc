package dev.rollbackshell.git;

import dev.rollbackshell.project.AtomicFiles;
import dev.rollbackshell.project.Failures;
import dev.rollbackshell.project.Project;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps git from listing the tool's own folders ({@code .rollback/}, the backups) as
 * untracked files, so {@code git status} stays quiet and {@code git add -A} never commits
 * a backup: adds them to the repository's {@code info/exclude} (local to this clone; the
 * project's {@code .gitignore} is never touched). Its one job is that file.
 */
public final class GitExclude {

    private GitExclude() {
    }

    /**
     * Adds the tool's folders to {@code info/exclude}, each line once; returns the lines added
     * (none when they were there already). Not being able to write it is not an error of the
     * command that asked: the result says so.
     */
    public static Result toolFolders(Project project) {
        Optional<GitRepo> found = GitRepo.findReadable(project);
        if (found.isEmpty()) {
            return new Result(null, List.of(), null);
        }
        try (GitRepo git = found.get()) {
            Path exclude = git.repository().getCommonDirectory().toPath().resolve("info").resolve("exclude");
            String existing = Files.isRegularFile(exclude) ? Files.readString(exclude) : "";
            Set<String> have = new HashSet<>(existing.lines().map(String::strip).toList());
            List<String> added = new ArrayList<>();
            for (String folder : List.of(Project.STATE_DIR, Project.BACKUP_ROOT)) {
                String line = "/" + git.prefix() + folder + "/";
                if (!have.contains(line)) {
                    added.add(line);
                }
            }
            if (added.isEmpty()) {
                return new Result(exclude, List.of(), null);
            }
            StringBuilder text = new StringBuilder(existing);
            if (!existing.isEmpty() && !existing.endsWith("\n")) {
                text.append('\n');
            }
            text.append("# rollback-shell's own folders (session, journal, backups)\n");
            added.forEach(l -> text.append(l).append('\n'));
            Files.createDirectories(exclude.getParent());
            AtomicFiles.write(exclude, text.toString().getBytes(StandardCharsets.UTF_8));
            return new Result(exclude, added, null);
        } catch (IOException | RuntimeException e) {
            return new Result(null, List.of(), Failures.describe(e));
        }
    }

    /** What {@link #toolFolders} did: the exclude file, the lines it added, or why it could not. */
    public record Result(Path file, List<String> added, String failure) {
    }
}
