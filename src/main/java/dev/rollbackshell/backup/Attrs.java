package dev.rollbackshell.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The attributes of one entry of a tree being backed up ({@link TreeCopier}), read once
 * without following links: type, size, times and permissions (none where the file system
 * has no POSIX permissions), and the mode in the manifest's words.
 */
record Attrs(boolean regular, boolean directory, boolean symlink, long size, FileTime mtime, FileTime atime,
        Set<PosixFilePermission> perms) {

    String mode() {
        return perms == null ? null : PosixFilePermissions.toString(perms);
    }

    static Attrs of(Path p) throws IOException {
        try {
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return new Attrs(a.isRegularFile(), a.isDirectory(), a.isSymbolicLink(), a.size(),
                    a.lastModifiedTime(), a.lastAccessTime(), a.isSymbolicLink() ? null : a.permissions());
        } catch (UnsupportedOperationException e) {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return new Attrs(a.isRegularFile(), a.isDirectory(), a.isSymbolicLink(), a.size(),
                    a.lastModifiedTime(), a.lastAccessTime(), null);
        }
    }

    static Attrs ofOrNull(Path p) {
        try {
            return of(p);
        } catch (IOException e) {
            return null;
        }
    }
}
