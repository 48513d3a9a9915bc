package dev.rollbackshell.check;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads failure output: the lines that say what went wrong (exception lines of Python, Java, JS). */
public final class FailureText {

    private static final Pattern EXCEPTION = Pattern.compile(
            "^(?:E\\s+)?(?:Caused by: )?((?:[A-Za-z_$][\\w$]*\\.)*[A-Za-z_$][\\w$]*(?:Error|Exception|Failure|Exit|Interrupt)"
                    + "(?: \\[[^\\]]*\\])?)(?::\\s.*)?$");
    /** What the plan's own Python snippets print when something is missing. */
    private static final Pattern SNIPPET = Pattern.compile(
            "^(?:import \\S+ failed: .*|\\S+ lacks .*|class \\S+ missing from .*|module \\S+ not importable: .*|missing: .*)$");

    private FailureText() {
    }

    /** Lines that name an error, in order, each once (at most 50). */
    public static List<String> errorLines(String output) {
        Set<String> out = new LinkedHashSet<>();
        if (output == null) {
            return List.of();
        }
        for (String raw : output.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.length() > 500) {
                continue;
            }
            if (SNIPPET.matcher(line).matches()) {
                out.add(line);
                continue;
            }
            Matcher m = EXCEPTION.matcher(line);
            if (m.matches()) {
                out.add(line.startsWith("E ") ? line.substring(1).strip() : line);
            }
            if (out.size() >= 50) {
                break;
            }
        }
        return new ArrayList<>(out);
    }

    /** The last {@code max} characters of a text, on a line boundary. */
    public static String tail(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        String t = text.substring(text.length() - max);
        int nl = t.indexOf('\n');
        return "[...]\n" + (nl >= 0 ? t.substring(nl + 1) : t);
    }
}
