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

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");
    /** Compiler errors: javac/Maven ({@code [ERROR] /x/A.java:[12,5] cannot find symbol}), gcc/tsc style {@code file:12: error: ...}. */
    private static final Pattern COMPILER = Pattern.compile(
            "^(?:\\[ERROR\\] )?(?:\\S+\\.(?:java|kt|scala|ts|c|cc|cpp|go|rs)):?\\[?\\d+[,:\\]].*|^\\S+:\\d+(?::\\d+)?: (?:fatal )?error: .*");
    /** A failing test: pytest {@code FAILED a::b - msg}, unittest {@code FAIL: test (mod.Class)}, Surefire {@code [ERROR]   CalcTest.adds:12 expected}. */
    private static final Pattern FAILED_TEST = Pattern.compile(
            "^(?:FAILED \\S+::\\S+.*|(?:FAIL|ERROR): \\w+ \\(.*\\)|\\[ERROR\\]\\s+\\w[\\w.$]*\\.\\w+:\\d+ .*|not ok \\d+ .*)$");
    /** Lines that say nothing about the failure: build-tool chatter. */
    private static final Pattern NOISE = Pattern.compile(
            "^(?:\\[(?:INFO|WARNING|ERROR)\\]\\s*(?:-+|BUILD FAILURE|Total time:.*|Finished at:.*|To see the full stack trace.*|Re-run Maven.*"
                    + "|For more information.*|\\[Help \\d+\\].*|-> \\[Help \\d+\\])?|=+.*=+|-+|FAILED \\(.*\\)|\\s*)$");

    /** {@code text} without terminal colour codes (a build's coloured output says the same without them). */
    public static String plain(String text) {
        return text == null ? "" : ANSI.matcher(text).replaceAll("");
    }

    /**
     * The lines that explain a failed command, at most {@code max}: compiler errors first,
     * then the first failing tests, then the exception. Colour codes are removed first.
     */
    public static List<String> meaningfulLines(String output, int max) {
        String text = plain(output);
        List<String> compiler = new ArrayList<>();
        List<String> tests = new ArrayList<>();
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.length() > 500) {
                continue;
            }
            if (COMPILER.matcher(line).matches()) {
                compiler.add(line.replaceFirst("^\\[ERROR\\] ", ""));
            } else if (FAILED_TEST.matcher(line).matches()) {
                tests.add(line.replaceFirst("^\\[ERROR\\]\\s+", ""));
            }
        }
        Set<String> out = new LinkedHashSet<>();
        compiler.stream().limit(max).forEach(out::add);
        tests.stream().limit(Math.max(1, max - out.size())).forEach(out::add);
        List<String> errors = errorLines(text);
        if (out.size() < max && !errors.isEmpty()) {
            out.add(errors.get(errors.size() - 1)); // the outermost, as Python and Java print it last
        }
        return new ArrayList<>(out).subList(0, Math.min(max, out.size()));
    }

    /** The last line of output that says something (not blank, not build-tool chatter, no colour codes). */
    public static String lastLine(String output) {
        List<String> lines = plain(output).strip().lines().map(String::strip).toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!NOISE.matcher(lines.get(i)).matches()) {
                return lines.get(i);
            }
        }
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
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
