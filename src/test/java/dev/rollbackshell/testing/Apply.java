package dev.rollbackshell.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Applies a suggestion's actions ({@code suggest --json}) by plain copies from the backup,
 * the way the runbook's {@code cp} would: for tests of the plan's side that do not depend on
 * the restore machinery.
 */
public final class Apply {

    private Apply() {
    }

    public static void suggestion(Path project, JsonNode suggestion) throws IOException {
        for (JsonNode action : suggestion.get("actions")) {
            String backup = action.get("backupId").asText();
            boolean exact = action.path("exact").asBoolean();
            Path root = project.resolve("redundancy_reduction_backups").resolve(backup);
            for (JsonNode p : action.get("paths")) {
                String path = p.asText();
                int slash = path.indexOf('/');
                Path from = slash < 0 ? root.resolve(path + "_backup")
                        : root.resolve(path.substring(0, slash) + "_backup").resolve(path.substring(slash + 1));
                Path to = project.resolve(path);
                if (Files.isDirectory(from)) {
                    if (exact) {
                        TestFiles.deleteContents(to);
                    }
                    TestFiles.copyTree(from, to);
                } else {
                    Files.createDirectories(to.getParent());
                    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                    to.toFile().setWritable(true);
                }
            }
        }
    }
}
