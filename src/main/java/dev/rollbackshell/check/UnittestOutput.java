package dev.rollbackshell.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the verbose output of Python's unittest ({@code -v}): one line per test,
 * {@code test_x (module.Class.test_x) ... ok|FAIL|ERROR|skipped '...'} (a docstring may
 * put the status on the next line), then the failure reports between {@code ====} lines.
 * A test module that does not import shows as {@code unittest.loader._FailedTest}.
 */
public final class UnittestOutput {

    private static final Pattern HEAD = Pattern.compile("^(\\S+) \\(([\\w.]+)\\)(?:$|\\s*(.*?) \\.\\.\\. (.*)$|.*)");
    private static final Pattern STATUS_LINE = Pattern.compile("^.*? \\.\\.\\. (ok|FAIL|ERROR|skipped.*|expected failure|unexpected success)$");
    private static final Pattern REPORT = Pattern.compile("^(FAIL|ERROR|UNEXPECTED SUCCESS): (\\S+) \\(([\\w.]+)\\)");

    private UnittestOutput() {
    }

    public static List<TestOutcome> parse(String output) {
        Map<String, String> status = new LinkedHashMap<>();
        Map<String, String> details = new LinkedHashMap<>();
        String[] lines = output.split("\\R");
        String pending = null;
        int i = 0;
        for (; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("=====")) {
                break;
            }
            Matcher h = HEAD.matcher(line);
            if (h.matches() && h.group(2).contains(".")) {
                String id = idOf(h.group(1), h.group(2));
                if (h.group(4) != null && isStatus(h.group(4))) {
                    status.put(id, map(h.group(4)));
                    pending = null;
                } else {
                    pending = id;
                }
                continue;
            }
            Matcher s = STATUS_LINE.matcher(line);
            if (pending != null && s.matches()) {
                status.put(pending, map(s.group(1)));
                pending = null;
            } else if (pending != null && isStatus(line.strip())) {
                // the test printed something before its status (no -b)
                status.put(pending, map(line.strip()));
                pending = null;
            }
        }
        // failure reports: ====\nFAIL: name (id)\n[docstring]\n----\ntraceback... until ==== or the final ----
        for (; i < lines.length; i++) {
            if (!lines[i].startsWith("=====") || i + 1 >= lines.length) {
                continue;
            }
            Matcher r = REPORT.matcher(lines[i + 1]);
            if (!r.find()) {
                continue;
            }
            String id = idOf(r.group(2), r.group(3));
            StringBuilder b = new StringBuilder();
            int j = i + 2;
            while (j < lines.length && !lines[j].startsWith("-----")) {
                j++;
            }
            for (j++; j < lines.length && !lines[j].startsWith("=====")
                    && !(lines[j].startsWith("-----") && j + 1 < lines.length && lines[j + 1].startsWith("Ran ")); j++) {
                b.append(lines[j]).append('\n');
            }
            details.put(id, FailureText.tail(b.toString().strip(), JUnitXml.DETAIL_MAX));
            status.putIfAbsent(id, r.group(1).equals("FAIL") ? TestOutcome.FAILED : TestOutcome.ERROR);
            i = j - 1;
        }
        List<TestOutcome> out = new ArrayList<>();
        status.forEach((id, st) -> out.add(new TestOutcome(id, st, null, details.get(id))));
        return out;
    }

    /** Python 3.11+ prints the full id in parentheses; older ones only module.Class. */
    private static String idOf(String name, String paren) {
        return paren.endsWith("." + name) ? paren : paren + "." + name;
    }

    private static boolean isStatus(String s) {
        return s.equals("ok") || s.equals("FAIL") || s.equals("ERROR") || s.startsWith("skipped")
                || s.equals("expected failure") || s.equals("unexpected success");
    }

    private static String map(String s) {
        if (s.equals("ok") || s.equals("expected failure")) {
            return TestOutcome.PASSED;
        }
        if (s.equals("FAIL") || s.equals("unexpected success")) {
            return TestOutcome.FAILED;
        }
        if (s.equals("ERROR")) {
            return TestOutcome.ERROR;
        }
        return TestOutcome.SKIPPED;
    }
}
