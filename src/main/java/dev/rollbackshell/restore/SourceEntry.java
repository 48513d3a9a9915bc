package dev.rollbackshell.restore;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.time.Instant;

/**
 * One thing a source holds, by project path: a file (size, mode, time when known, and its
 * content id: SHA-256 for a backup, the blob id for git), a symbolic link (its target), or
 * an empty folder.
 */
@JsonAutoDetect(isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public record SourceEntry(String path, String type, long size, String mode, Instant mtime, String hash, String link) {

    public static final String FILE = "file";
    public static final String LINK = "link";
    public static final String DIR = "dir";

    public boolean isFile() {
        return FILE.equals(type);
    }

    public boolean isLink() {
        return LINK.equals(type);
    }

    public boolean isDir() {
        return DIR.equals(type);
    }
}
