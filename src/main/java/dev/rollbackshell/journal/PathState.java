package dev.rollbackshell.journal;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * What one project path is, or was, as the journal records it: absent, a regular file
 * (size, mode, modification time; its content is saved beside the entry), a symbolic link
 * (its target) or a folder (its mode).
 *
 * @param sha256 of a file's content, when known (always for what a step writes)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public record PathState(String type, Long size, String mode, Instant mtime, String sha256, String link) {

    public static final String ABSENT = "absent";
    public static final String FILE = "file";
    public static final String LINK = "link";
    public static final String DIR = "dir";

    public static PathState absent() {
        return new PathState(ABSENT, null, null, null, null, null);
    }

    public static PathState file(long size, String mode, Instant mtime, String sha256) {
        return new PathState(FILE, size, mode, mtime, sha256, null);
    }

    public static PathState link(String target) {
        return new PathState(LINK, null, null, null, null, target);
    }

    public static PathState dir(String mode) {
        return new PathState(DIR, null, mode, null, null, null);
    }

    public boolean isAbsent() {
        return ABSENT.equals(type);
    }

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
