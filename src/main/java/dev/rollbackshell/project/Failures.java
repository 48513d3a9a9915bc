package dev.rollbackshell.project;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** The one way the product turns an exception into the words of a one-line message. */
public final class Failures {

    private Failures() {
    }

    /** One line naming what failed: "permission denied: src/a.py", "data: No space left on device". */
    public static String describe(Throwable e) {
        Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        if (t instanceof NoSuchFileException n) {
            return "no such file: " + n.getFile();
        }
        if (t instanceof FileSystemException f && FreeSpace.isNoSpace(f)) {
            String on = f.getFile() == null ? "" : " on " + FreeSpace.describe(java.nio.file.Path.of(f.getFile()));
            return (f.getFile() == null ? "" : f.getFile() + ": ") + "no space left" + on;
        }
        if (t instanceof FileSystemException f && f.getReason() != null) {
            return (f.getFile() == null ? "" : f.getFile() + ": ") + f.getReason();
        }
        if (t instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getOriginalMessage() != null) {
            // Jackson's own words without the source it quotes; the line and column instead
            String m = j.getOriginalMessage().replaceAll("\\s*\\(start marker at .*", "").lines().findFirst().orElse("");
            var at = j.getLocation();
            return at == null || at.getLineNr() < 1 ? m : m + " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
