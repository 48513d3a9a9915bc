package dev.rollbackshell.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.testing.CommandTestBase;
import dev.rollbackshell.testing.TestFiles;
import dev.rollbackshell.testing.TreeSnapshot;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Names and kinds of files real projects hold (issue 13, item 2): each is backed up,
 * verified, restored and undone, or left out with a reason {@code backup show} lists; none
 * hangs or stops the whole backup.
 */
class OddNamesCommandsTest extends CommandTestBase {

    static final String LONG = "src/" + "n".repeat(252) + ".py"; // a 255-byte name
    static final List<String> ODD = List.of("src/with space.py", "src/new\nline.py", "src/tab\there.py",
            "src/-leading.py", "src/--force", "src/--from=x", LONG, "src/ünïcödé.py");

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void oddNamesSpecialFilesHardLinksAndLinkLoopsGoThroughBackupVerifyRestoreAndUndo() throws Exception {
        TestFiles.write(PROJECT, "src/app.py", "a = 1\n");
        for (String p : ODD) {
            TestFiles.write(PROJECT, p, "good " + p + "\n");
        }
        TestFiles.write(PROJECT, "src/pkg/mod.py", "m = 1\n");
        TestFiles.write(PROJECT, "src/hard_a.py", "shared\n");
        Files.createLink(PROJECT.resolve("src/hard_b.py"), PROJECT.resolve("src/hard_a.py"));
        Files.createSymbolicLink(PROJECT.resolve("src/loop1"), Path.of("loop2"));
        Files.createSymbolicLink(PROJECT.resolve("src/loop2"), Path.of("loop1"));
        Files.createSymbolicLink(PROJECT.resolve("src/self"), Path.of("self"));
        Files.createSymbolicLink(PROJECT.resolve("src/up"), Path.of("."));
        sh("mkfifo", "src/pipe");
        sh("python3", "-c", "import socket; s = socket.socket(socket.AF_UNIX); s.bind('src/sock')");
        boolean device = sh("mknod", "src/null", "c", "1", "3") == 0; // as root only
        sh("python3", "-c", "open(b'src/bad\\xff.py', 'w').write('not utf-8\\n')");
        age();

        Result b = run("backup", "create", "--no-baseline", "--no-git");
        assertThat(b.status()).as(b.error() + b.screen()).isZero();
        Result showJson = run("backup", "show", "--json");
        JsonNode notCopied = Json.MAPPER.readTree(showJson.screen()).get("notCopied");
        List<String> left = new ArrayList<>();
        notCopied.forEach(n -> left.add(n.asText()));
        assertThat(left).anyMatch(s -> s.startsWith("src/pipe: a pipe, socket or device"))
                .anyMatch(s -> s.startsWith("src/sock: a pipe, socket or device"))
                .anyMatch(s -> s.startsWith("src/bad") && s.contains("name is not valid"));
        if (device) {
            assertThat(left).anyMatch(s -> s.startsWith("src/null: a pipe, socket or device"));
        }
        Result show = run("backup", "show");
        assertThat(show.screen()).contains("not copied").contains("src/pipe: a pipe, socket or device; never opened");
        Result v = run("backup", "verify");
        assertThat(v.status()).as(v.error() + v.screen()).isZero();
        Map<String, String> good = TreeSnapshot.contentOf(PROJECT);

        // break everything: edit each odd file, write through one hard link, a folder becomes a file
        for (String p : ODD) {
            TestFiles.write(PROJECT, p, "broken\n");
        }
        Files.writeString(PROJECT.resolve("src/hard_a.py"), "edited through a\n");
        TestFiles.deleteContents(PROJECT.resolve("src/pkg"));
        Files.delete(PROJECT.resolve("src/pkg"));
        TestFiles.write(PROJECT, "src/pkg", "a file where a folder was\n");
        Map<String, String> broken = TreeSnapshot.of(PROJECT);

        // (the test client joins the words into one line, so a newline cannot be passed as an argument here)
        Result one = run("restore", "file", "src/with space.py", "src/--force", "src/-leading.py", "src/--from=x", LONG);
        assertThat(one.status()).as(one.error() + one.screen()).isZero();
        assertThat(TestFiles.read(PROJECT, "src/with space.py")).isEqualTo("good src/with space.py\n");
        assertThat(TestFiles.read(PROJECT, LONG)).isEqualTo("good " + LONG + "\n");
        assertThat(TestFiles.read(PROJECT, "src/--force")).isEqualTo("good src/--force\n");
        assertThat(run("undo").status()).isZero();
        assertThat(TreeSnapshot.of(PROJECT)).isEqualTo(broken);

        Result all = run("restore", "all", "--yes");
        assertThat(all.status()).as(all.error() + all.screen()).isZero();
        Map<String, String> restored = TreeSnapshot.contentOf(PROJECT);
        assertThat(restored).isEqualTo(good);
        assertThat(PROJECT.resolve("src/pipe")).exists(); // never opened nor removed
        assertThat(Files.isSymbolicLink(PROJECT.resolve("src/loop1"))).isTrue();

        Result u = run("undo");
        assertThat(u.status()).as(u.error() + u.screen()).isZero();
        assertThat(TreeSnapshot.of(PROJECT)).isEqualTo(broken);
        assertThat(Files.readString(PROJECT.resolve("src/hard_b.py"))).isEqualTo("edited through a\n");
    }

    static final String NL = "src/odd\nname.py";
    static final String TAB = "src/tab\there.py";

    /**
     * A name with a newline or a tab is shown escaped ({@code src/odd\nname.py}) on one line
     * by every text view that names files; {@code --json} keeps the raw name.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aNameWithANewlineIsShownEscapedOnOneLineByEveryCommand() throws Exception {
        TestFiles.write(PROJECT, "src/app.py", "a = 1\n");
        TestFiles.write(PROJECT, NL, "x = 1\n");
        TestFiles.write(PROJECT, TAB, "y = 1\n");
        TestFiles.write(PROJECT, "rollback-plan.yml", "protectedFolders: [src, tests]\ntests: {runner: unittest}\n");
        TestFiles.write(PROJECT, "tests/test_app.py", """
                import unittest
                class T(unittest.TestCase):
                    def test_odd(self):
                        name = 'src/odd\\nname.py'
                        compile(open(name).read(), name, 'exec')
                """);
        age();
        assertThat(run("backup", "create", "--no-git").status()).isZero();
        TestFiles.write(PROJECT, NL, "x = (\n"); // no longer parses
        TestFiles.write(PROJECT, TAB, "y = 2\n");

        String nl = "src/odd\\nname.py"; // as the text views show it
        String tab = "src/tab\\there.py";
        oneLine("status", run("status"), "  modified  " + nl + "\n", "  modified  " + tab + "\n");
        oneLine("diff", run("diff"), "diff --git a/" + nl + " b/" + nl + "\n", "--- a/" + nl + "\n", "+++ b/" + tab + "\n");
        oneLine("diff --stat", run("diff", "--stat"), nl + " |   2 +-\n", " " + tab + " |   2 +-\n");
        oneLine("diagnose", run("diagnose"), "  M " + nl + "\n", "  M " + tab + "\n", "  " + nl + "  traceback line 1");
        oneLine("suggest", run("suggest"), "    restores:   " + nl + "\n",
                "    overwrites: 2: " + nl + ", " + tab + "\n");
        oneLine("verify", run("verify"), "Full Test Suite");
        oneLine("report", run("report"), "- `" + nl + "`: traceback line 1", "named " + nl + " |");
        oneLine("restore file --dry-run", run("restore", "file", "src", "--dry-run"), "  write  " + nl + "  6 B  modified\n",
                "  write  " + tab + "  6 B  modified\n");
        oneLine("restore all", run("restore", "all", "--yes"), "  wrote  " + nl + "  6 B  modified\n");
        oneLine("undo --list", run("undo", "--list"), "restore all (src, tests)");
        oneLine("undo", run("undo"), "undid #1");

        // a damaged copy: backup verify names it, escaped, in its table of problems
        String id = Json.MAPPER.readTree(run("backup", "list", "--json").screen()).get(0).get("id").asText();
        Path copy = PROJECT.resolve("redundancy_reduction_backups/" + id + "/src_backup/odd\nname.py");
        copy.toFile().setWritable(true);
        Files.writeString(copy, "damaged\n");
        Result bv = run("backup", "verify");
        assertThat(bv.status()).as(bv.screen() + bv.error()).isEqualTo(1);
        oneLine("backup verify", bv, "  " + id + "  " + nl + "  ");

        // --json keeps the raw name (Jackson writes it as "src/odd\nname.py")
        JsonNode changed = Json.MAPPER.readTree(run("status", "--json").screen()).get("changed");
        List<String> modified = new ArrayList<>();
        changed.get("modified").forEach(n -> modified.add(n.asText()));
        assertThat(modified).containsExactly(NL, TAB);
    }

    /** The command's output holds each of {@code lines}, and neither odd name raw (a line broken, a tab printed). */
    private static void oneLine(String command, Result r, String... lines) {
        String all = (r.screen() + "\n" + r.error()).lines().map(String::stripTrailing)
                .collect(java.util.stream.Collectors.joining("\n", "", "\n")); // the test terminal pads lines
        assertThat(all).as(command).doesNotContain("odd\nname").doesNotContain("tab\there");
        for (String l : lines) {
            assertThat(all).as(command + ":\n" + all).contains(l);
        }
    }

    static int sh(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(PROJECT.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    static void age() throws Exception {
        Instant old = Instant.now().minus(2, ChronoUnit.HOURS);
        try (Stream<Path> s = Files.walk(PROJECT)) {
            for (Path p : s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                Files.setLastModifiedTime(p, FileTime.from(old));
            }
        }
    }
}
