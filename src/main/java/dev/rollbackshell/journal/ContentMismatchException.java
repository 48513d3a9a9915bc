package dev.rollbackshell.journal;

import dev.rollbackshell.project.RollbackException;

/**
 * The content given for a path is not what it was said to be (a damaged backup copy):
 * thrown while contents are staged, before anything in the project is touched.
 */
public class ContentMismatchException extends RollbackException {

    private final String path;
    private final String origin;

    public ContentMismatchException(String path, String origin, String problem) {
        super(PROBLEM, "the copy of " + path + " in " + origin + " is damaged (" + problem + "); nothing was changed");
        this.path = path;
        this.origin = origin;
    }

    public String path() {
        return path;
    }

    public String origin() {
        return origin;
    }
}
