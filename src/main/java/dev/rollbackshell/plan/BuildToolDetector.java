package dev.rollbackshell.plan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code init} finds in a project whose build tool runs the tests (Maven, Gradle, npm):
 * the build file that says which, the test command (the project's own wrapper when it has
 * one) and where its results are read, the folders to protect, and what the build's own
 * file checks need told about the tool's folders. The rest of a detection (data files, log
 * file, the process pattern's name) is {@link ProjectDetector}'s.
 */
final class BuildToolDetector {

    private BuildToolDetector() {
    }

    /** The detection of a Maven, Gradle or npm project; null when {@code root} holds none of their build files. */
    static ProjectDetector.Detection detect(Path root, String name, String testsDir, List<String> data, String log) {
        List<String> notes = new ArrayList<>();
        if (Files.isRegularFile(root.resolve("pom.xml"))) {
            List<String> folders = ProjectDetector.existing(root, "src", "data");
            boolean wrapper = Files.isRegularFile(root.resolve("mvnw"));
            List<String> cmd = List.of(wrapper ? "./mvnw" : "mvn", "-q", "-B", "test");
            notes.add("Maven project: tests run with " + String.join(" ", cmd)
                    + (wrapper ? " (the project's own wrapper)" : "") + ", results read from target/surefire-reports");
            if (mentions(root.resolve("pom.xml"), "apache-rat-plugin")) {
                notes.add("Apache RAT checks every file: add <exclude>.rollback/**</exclude>, "
                        + "<exclude>redundancy_reduction_backups/**</exclude> and <exclude>rollback-plan.yml</exclude> "
                        + "to the apache-rat-plugin's <excludes> in pom.xml");
            }
            return new ProjectDetector.Detection("maven", null, folders.isEmpty() ? List.of("src") : folders, null, List.of(), "maven", cmd,
                    null, data, log, "java.*" + ProjectDetector.quote(name), notes);
        }
        if (Files.isRegularFile(root.resolve("build.gradle")) || Files.isRegularFile(root.resolve("build.gradle.kts"))) {
            List<String> folders = ProjectDetector.existing(root, "src", "data");
            boolean wrapper = Files.isRegularFile(root.resolve("gradlew"));
            List<String> cmd = List.of(wrapper ? "./gradlew" : "gradle", "test", "-q");
            notes.add("Gradle project: tests run with " + String.join(" ", cmd) + ", results read from build/test-results/test");
            notes.add("exclude the tool's folders from the build's file checks (Spotless, RAT...): "
                    + ".rollback/**, redundancy_reduction_backups/**, rollback-plan.yml");
            return new ProjectDetector.Detection("gradle", null, folders.isEmpty() ? List.of("src") : folders, null, List.of(), "command", cmd,
                    null, data, log, "java.*" + ProjectDetector.quote(name), notes);
        }
        if (Files.isRegularFile(root.resolve("package.json"))) {
            List<String> folders = ProjectDetector.existing(root, "src", "lib", "test", "tests", "data");
            notes.add("npm project: tests run with npm test (one result for the whole run)");
            return new ProjectDetector.Detection("npm", null, folders.isEmpty() ? List.of("src") : folders, null, List.of(), "npm",
                    List.of("npm", "test"), testsDir, data, log, "node.*" + ProjectDetector.quote(name), notes);
        }
        return null;
    }

    /** Whether {@code file} contains {@code text} (false when it cannot be read). */
    private static boolean mentions(Path file, String text) {
        try {
            return Files.readString(file).contains(text);
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }
}
