package dev.rollbackshell.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The bundled sample project, {@code samples/athena} (a working replica of the runbook's
 * Python project), and its breakage scripts, {@code samples/breakages/<phase>.py}, for
 * tests on real folders: copy it, break it like a runbook phase goes wrong, run python on
 * it, put files back from the pristine sample as a hand-made backup would.
 */
public final class SampleProject {

    /** The breakages, by the name {@code scripts/demo --phase} takes. */
    public static final List<String> PHASES = List.of("1", "2", "3", "nuclear");

    /** The unrelated good change every breakage makes alongside: a new helper module... */
    public static final String GOOD_CHANGE_FILE = "src/utils/text_normalizer.py";
    /** ...its test... */
    public static final String GOOD_CHANGE_TEST = "tests/test_text_normalizer.py";
    /** ...and its use in an existing file, which a rollback that is too broad would undo. */
    public static final String GOOD_CHANGE_EDITED = "src/utils/data_loader.py";
    public static final String GOOD_CHANGE_MARK = "clean_product_name";

    /**
     * The files the runbook's scenarios for each breakage restore (Phase 1 A, Phase 2 A,
     * Phase 3 A; for nuclear all of them plus Phase 3 B and the damaged data files):
     * putting these back makes the sample's tests pass again, and keeps the good change.
     */
    public static final Map<String, List<String>> SCENARIO_FILES = Map.of(
            "1", List.of("src/batch_processor/progress_tracker.py", "src/batch_processor/dynamic_scaling_controller.py",
                    "src/batch_processor/batch_manager.py", "src/iterative_refinement_system.py"),
            "2", List.of("src/batch_processor/scaling_predictor.py", "src/batch_processor/scaling_manager.py",
                    "src/batch_processor/dynamic_scaling_controller.py"),
            "3", List.of("src/ai_analysis/notes_manager.py", "src/ai_analysis/notes_integration.py",
                    "src/iterative_refinement_system.py"),
            "nuclear", List.of("src/batch_processor/progress_tracker.py", "src/batch_processor/dynamic_scaling_controller.py",
                    "src/batch_processor/batch_manager.py", "src/iterative_refinement_system.py",
                    "src/batch_processor/scaling_predictor.py", "src/batch_processor/scaling_manager.py",
                    "src/ai_analysis/notes_manager.py", "src/ai_analysis/notes_integration.py",
                    "src/batch_processor/feedback_loop.py",
                    "data/metrics/batch_metrics.json", "data/metrics/feedback_history.json"));

    private static final Set<String> GENERATED = Set.of("__pycache__", ".pytest_cache", ".benchmarks");
    private static final Pattern RAN = Pattern.compile("^Ran (\\d+) tests? in", Pattern.MULTILINE);

    private SampleProject() {
    }

    public static Path source() {
        return Launcher.repo().resolve("samples").resolve("athena");
    }

    public static Path breakageScript(String phase) {
        if (!PHASES.contains(phase)) {
            throw new IllegalArgumentException("no breakage for phase " + phase + "; one of " + PHASES);
        }
        return Launcher.repo().resolve("samples").resolve("breakages")
                .resolve(phase.equals("nuclear") ? "nuclear.py" : "phase" + phase + ".py");
    }

    /** Copies the pristine sample into {@code dir} (created if missing), without generated files. */
    public static Path copyTo(Path dir) {
        Path from = source();
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                    if (GENERATED.contains(d.getFileName().toString())) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Files.createDirectories(dir.resolve(from.relativize(d).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (!file.getFileName().toString().endsWith(".pyc")) {
                        Files.copy(file, dir.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** {@code python3 ARGS} in {@code dir}; UTF-8 output, no bytecode files left behind. */
    public static Launcher.Run python(Path dir, String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of(Python.EXE, "-B"));
        command.addAll(List.of(args));
        return Launcher.exec(dir, stdin, Map.of("PYTHONIOENCODING", "utf-8", "PYTHONDONTWRITEBYTECODE", "1"), command);
    }

    /** Runs a Python program given as text (a runbook snippet, as {@code python -c} would) in {@code dir}. */
    public static Launcher.Run snippet(Path dir, String code) {
        return python(dir, code, "-");
    }

    /** The sample's test suite with the standard library's runner: {@code python3 -m unittest discover -s tests -t .}. */
    public static Launcher.Run unittest(Path dir) {
        return python(dir, null, "-m", "unittest", "discover", "-s", "tests", "-t", ".");
    }

    /** How many tests a unittest run reports ("Ran N tests"), or -1. */
    public static int testsRan(Launcher.Run run) {
        Matcher m = RAN.matcher(run.err());
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** How many tests the pristine sample has (its {@code def test_} methods). */
    public static int testCount() {
        try (Stream<Path> files = Files.list(source().resolve("tests"))) {
            int count = 0;
            for (Path file : files.filter(f -> f.getFileName().toString().matches("test_.*\\.py")).toList()) {
                count += (int) Files.readAllLines(file).stream().filter(l -> l.strip().startsWith("def test_")).count();
            }
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Applies a breakage ({@code python3 samples/breakages/<phase>.py DIR}). */
    public static Launcher.Run breakIt(Path dir, String phase) {
        return python(dir, null, breakageScript(phase).toString(), dir.toString());
    }

    /** Puts files back from the pristine sample by plain copy, as {@code cp} from a backup would. */
    public static void restoreFromSample(Path dir, List<String> paths) {
        try {
            for (String path : paths) {
                Path target = dir.resolve(path);
                Files.createDirectories(target.getParent());
                Files.copy(source().resolve(path), target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the good change every breakage makes is all there: the new files and the edit. */
    public static boolean goodChangeKept(Path dir) {
        try {
            return Files.isRegularFile(dir.resolve(GOOD_CHANGE_FILE)) && Files.isRegularFile(dir.resolve(GOOD_CHANGE_TEST))
                    && Files.readString(dir.resolve(GOOD_CHANGE_EDITED)).contains(GOOD_CHANGE_MARK);
        } catch (IOException e) {
            return false;
        }
    }
}
