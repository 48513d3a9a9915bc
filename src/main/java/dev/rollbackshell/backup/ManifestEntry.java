package dev.rollbackshell.backup;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

/**
 * One entry of a backup manifest. {@code path} is project-relative ({@code src/a/b.py}),
 * not backup-relative: the copy lives at {@code src_backup/a/b.py}. {@code type} is
 * {@code file}, {@code link} (a symbolic link, recorded, never followed; {@code link}
 * holds its target) or {@code dir} (an empty folder, kept so a restore recreates it).
 * {@code mode} is the POSIX permission string of the original ({@code rw-r--r--}).
 */
@JsonAutoDetect(isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public record ManifestEntry(String path, String type, long size, String mode, long mtime, String sha256, String link) {

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
