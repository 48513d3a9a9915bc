package dev.rollbackshell.journal;

/**
 * One change of one path, as a journal entry plans it and then does it.
 * {@code put} makes the path a file (the staged {@code new/<i>} renamed into place),
 * {@code link} makes it a symbolic link, {@code mkdir} creates a folder, {@code delete}
 * removes a file or link, {@code rmdir} removes an empty folder. {@code before} is what
 * the path was just before this step; when it is a file of the project, its content is
 * kept as {@code before/<i>} in the entry.
 */
public record Step(int i, String op, String path, PathState before, PathState after) {

    public static final String PUT = "put";
    public static final String LINK = "link";
    public static final String MKDIR = "mkdir";
    public static final String DELETE = "delete";
    public static final String RMDIR = "rmdir";
}
