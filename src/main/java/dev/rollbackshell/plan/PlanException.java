package dev.rollbackshell.plan;

/**
 * A rule of the plan format broken by a value (thrown while the plan is read, so the
 * loader can name the file, line and column of the value).
 */
public class PlanException extends IllegalArgumentException {

    public PlanException(String message) {
        super(message);
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new PlanException(message);
        }
    }

    /** A path written in a plan: project-relative, forward slashes, never absolute or climbing out. */
    static String relativePath(String p, String what) {
        require(p != null && !p.isBlank(), what + " must not be empty");
        String s = p.replace('\\', '/');
        require(!s.startsWith("/") && !s.matches("^[A-Za-z]:.*"), what + " '" + p + "' must be relative to the project");
        for (String part : s.split("/")) {
            require(!part.equals(".."), what + " '" + p + "' must stay inside the project (no ..)");
        }
        while (s.endsWith("/") && s.length() > 1) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.startsWith("./")) {
            s = s.substring(2);
        }
        return s;
    }
}
