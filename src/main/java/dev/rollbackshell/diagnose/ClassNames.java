package dev.rollbackshell.diagnose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Class names that error lines mention ({@code 'FeedbackLoopManager' object has no attribute},
 * {@code IterativeRefinementSystem.__init__() missing ...}, {@code ScalingManager lacks ...}),
 * and the changed source file that defines one: an error raised at the caller names no
 * file of the callee, but it names the class.
 */
final class ClassNames {

    private static final Pattern NAMES = Pattern.compile(
            "'([A-Z]\\w*)' object|type object '([A-Z]\\w*)'|\\b([A-Z]\\w*)\\.\\w+\\(\\)|^([A-Z]\\w*) lacks |class ([A-Z]\\w*) missing"
                    + "|cannot import name '([A-Z]\\w*)'");

    private ClassNames() {
    }

    static Set<String> named(String errorLine) {
        Set<String> out = new LinkedHashSet<>();
        if (errorLine == null) {
            return out;
        }
        Matcher m = NAMES.matcher(errorLine);
        while (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null && !m.group(g).endsWith("Error") && !m.group(g).endsWith("Exception")) {
                    out.add(m.group(g));
                }
            }
        }
        return out;
    }

    /** The first of {@code names} that {@code file} defines as a class (Python, Java, JS/TS), if any. */
    static Optional<String> definedIn(Path file, Set<String> names) {
        if (names.isEmpty() || file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String text;
        try {
            if (Files.size(file) > 2_000_000) {
                return Optional.empty();
            }
            text = Files.readString(file);
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
        for (String n : names) {
            if (Pattern.compile("(?m)^\\s*(?:export\\s+)?(?:public\\s+|final\\s+|abstract\\s+)*(?:class|interface|record|enum)\\s+"
                    + Pattern.quote(n) + "\\b").matcher(text).find()) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }
}
