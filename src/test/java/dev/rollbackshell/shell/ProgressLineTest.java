package dev.rollbackshell.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.backup.BackupService;
import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.backup.BackupVerifier;
import dev.rollbackshell.project.Meter;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.restore.RestoreAllRequest;
import dev.rollbackshell.restore.Restorer;
import dev.rollbackshell.restore.SourceRef;
import dev.rollbackshell.testing.BackupFixtures;
import dev.rollbackshell.testing.TestFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Progress on long work: backup create, backup verify, restore all and proving count on the
 * one {@link Meter}; {@link ProgressLine} shows it (a status line on a terminal, one summary
 * line otherwise).
 */
class ProgressLineTest {

    @TempDir
    Path root;

    /** What a sink saw: each task as it finished. */
    final List<String> finished = Collections.synchronizedList(new ArrayList<>());
    final List<Long> progressCalls = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void uninstall() {
        Meter.install(null);
    }

    void record() {
        Meter.install(new Meter.Sink() {
            @Override
            public void started(Meter.Task t) {
            }

            @Override
            public void progressed(Meter.Task t) {
                progressCalls.add(t.done());
            }

            @Override
            public void finished(Meter.Task t) {
                finished.add(t.what() + " " + t.done() + "/" + t.total() + " " + t.unit() + " " + t.doneBytes() + "/"
                        + t.totalBytes() + (t.estimated() ? " estimated" : ""));
            }
        });
    }

    static long[] filesAndBytes(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> files = s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList();
            long bytes = 0;
            for (Path p : files) {
                bytes += Files.size(p);
            }
            return new long[] {files.size(), bytes};
        }
    }

    @Test
    void backupCreateVerifyAndRestoreAllCountEveryFileAndByteOnTheOneMeter() throws IOException {
        BackupFixtures.sampleProject(root);
        for (int i = 0; i < 200; i++) {
            TestFiles.write(root, "src/many/m" + i + ".py", "x = " + i + "\n".repeat(i));
        }
        Project project = Project.at(root);
        BackupStore store = new BackupStore(project);
        long[] src = filesAndBytes(root.resolve("src"));
        long[] tests = filesAndBytes(root.resolve("tests"));
        long files = src[0] + tests[0];
        long bytes = src[1] + tests[1];
        record();

        BackupService service = new BackupService(project, store, w -> { });
        service.create(List.of("src", "tests"), 1, null, true, null);
        // the first backup has nothing to guess its size from; the second guesses from the first
        assertThat(finished).containsExactly("backup create " + files + "/0 files " + bytes + "/0 estimated");
        finished.clear();
        TestFiles.write(root, "src/many/m1.py", "changed\n");
        long changedBytes = bytes - ("x = 1\n".length()) + "changed\n".length();
        try {
            Thread.sleep(1100); // backup ids are to the second
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String second = service.create(List.of("src", "tests"), 1, null, true, null).backup().id();
        assertThat(finished).containsExactly("backup create " + files + "/" + files + " files " + changedBytes + "/"
                + bytes + " estimated");
        assertThat(progressCalls).hasSizeGreaterThanOrEqualTo((int) files * 2);

        finished.clear();
        var report = new BackupVerifier(store).verify(List.of(store.find(second).orElseThrow()));
        assertThat(report.ok()).isTrue();
        assertThat(finished).containsExactly("backup verify " + second + " " + report.checked() + "/"
                + report.checked() + " entries " + changedBytes + "/" + changedBytes);

        finished.clear();
        TestFiles.write(root, "src/many/m2.py", "broken\n");
        TestFiles.write(root, "src/many/m3.py", "broken too\n");
        new Restorer(project, store, w -> { }).restoreAll(new RestoreAllRequest(SourceRef.backup(second), null,
                List.of("src", "tests"), List.of(), false, false));
        long restoredBytes = ("x = 2" + "\n".repeat(2)).length() + ("x = 3" + "\n".repeat(3)).length();
        assertThat(finished).containsExactly("restore all 2/2 files " + restoredBytes + "/" + restoredBytes);
    }

    @Test
    void withoutATerminalOneSummaryLineForTheOutermostWorkAndNothingForWorkInsideIt() {
        StringWriter out = new StringWriter();
        Meter.install(new ProgressLine(null, new PrintWriter(out), false));
        try (Meter.Task proving = Meter.start("proving", "candidates", 2, 0, false)) {
            try (Meter.Task inner = Meter.start("restore all", "files", 3, 300, false)) {
                inner.add(3, 300);
            }
            proving.add(2, 0);
        }
        try (Meter.Task v = Meter.start("backup verify 20261201_120000", "entries", 20_000, 180L << 20, false)) {
            v.add(20_000, 180L << 20);
        }
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("proving: 2 candidates in \\d+(ms|\\.\\d\\ds) \\(\\d+\\.\\d candidates/(s|min)\\)");
        assertThat(lines.get(1)).matches("backup verify 20261201_120000: 20,000 entries, 180 MiB in \\S+ \\(.+/s\\)");
    }

    @Test
    void workThatPrintsItsOwnResultGetsNoSummaryLineButShowsItsTotalOnceKnown() {
        StringWriter out = new StringWriter();
        Meter.install(new ProgressLine(null, new PrintWriter(out), false));
        try (Meter.Task tests = Meter.startLive("tests", "tests")) {
            assertThat(ProgressLine.line(tests)).startsWith("tests  0 tests  ");
            tests.expect(28);
            tests.add(14, 0);
            assertThat(ProgressLine.line(tests)).startsWith("tests  14 / 28 tests  ");
            assertThat(tests.summarised()).isFalse();
        }
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void oneOfAUnitIsSaidInTheSingular() {
        StringWriter out = new StringWriter();
        Meter.install(new ProgressLine(null, new PrintWriter(out), false));
        try (Meter.Task proving = Meter.start("proving", "candidates", 1, 0, false)) {
            proving.add(1, 0);
        }
        try (Meter.Task v = Meter.start("backup verify 20261201_120000", "entries", 1, 10, false)) {
            v.add(1, 10);
        }
        assertThat(out.toString().lines()).satisfiesExactly(
                l -> assertThat(l).startsWith("proving: 1 candidate in "),
                l -> assertThat(l).startsWith("backup verify 20261201_120000: 1 entry, 10 B in "));
    }

    @Test
    void theStatusLineSaysFilesBytesRateAndTimeLeft() {
        Meter.install(null);
        Meter.Task t = Meter.start("backup create", "files", 20_000, 200L << 20, true);
        t.add(5_000, 50L << 20);
        String line = ProgressLine.line(t);
        assertThat(line).startsWith("backup create  5,000 / ~20,000 files  50 MiB / ~200 MiB  ")
                .containsPattern("  \\d+(\\.\\d)? [KMG]iB/s  about \\S+ left$");
        Meter.Task unknown = Meter.start("backup create", "files", 0, 0, true);
        unknown.add(12, 4096);
        assertThat(ProgressLine.line(unknown)).startsWith("backup create  12 files  4.0 KiB  ").doesNotContain("left");
        t.close();
        unknown.close();
    }

    @Test
    void aDumbTerminalOrNoneGetsNoStatusLine() throws IOException {
        try (Terminal dumb = TerminalBuilder.builder().dumb(true).system(false).streams(
                new java.io.ByteArrayInputStream(new byte[0]), new java.io.ByteArrayOutputStream()).build()) {
            assertThat(ProgressLine.liveOn(dumb)).isFalse(); // the tests run without a terminal as well
        }
    }
}
