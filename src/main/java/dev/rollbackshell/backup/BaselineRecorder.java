package dev.rollbackshell.backup;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Records the baseline of a backup (docs/plan.md, "Checks and the baseline": which tests passed, the performance check's
 * time, data record counts) by running the plan's checks on the project as it is, and
 * writes {@code baseline.json} into the backup folder while it is still being built.
 * The plan and check packages provide the real one.
 */
@FunctionalInterface
public interface BaselineRecorder {

    BaselineRecorder NONE = backupDir -> {
    };

    void record(Path backupDir) throws IOException;
}
