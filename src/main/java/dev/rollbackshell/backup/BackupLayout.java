package dev.rollbackshell.backup;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/** Names on disk, as the runbook's commands make them. */
public final class BackupLayout {

    /** {@code cp -r src/ "$BACKUP_DIR/src_backup/"}. */
    public static final String SUFFIX = "_backup";
    public static final String MANIFEST = "manifest.json";
    public static final String BASELINE = "baseline.json";
    /** Backups under construction: never listed, renamed to their id when complete. */
    public static final String IN_PROGRESS_PREFIX = ".incomplete-";
    public static final DateTimeFormatter ID_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
    public static final Pattern ID_PATTERN = Pattern.compile("\\d{8}_\\d{6}(_\\d+)?");

    private BackupLayout() {
    }

    public static boolean isBackupId(String name) {
        return ID_PATTERN.matcher(name).matches();
    }

    /** The time a backup id names (its first 15 characters), or null when it names none. */
    public static LocalDateTime timeOf(String id) {
        try {
            return LocalDateTime.parse(id.substring(0, 15), ID_FORMAT);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
