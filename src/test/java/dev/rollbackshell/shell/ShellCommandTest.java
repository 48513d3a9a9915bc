package dev.rollbackshell.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.testing.CommandTestBase;
import dev.rollbackshell.testing.TestFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ShellCommandTest extends CommandTestBase {

    @Test
    void selectingWithoutBackupsIsBadInputWithAHint() {
        Result r = run("backup", "select", "latest");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.error()).contains("no backups").contains("backup create");
    }

    @Test
    void aLineStartedDirectlyFailsAsTheShellDoes() throws Exception {
        java.nio.file.Files.createDirectories(PROJECT.resolve(".rollback"));
        java.nio.file.Files.writeString(PROJECT.resolve(".rollback/session.json"), "{ not json");
        Result direct = runDirect("status");
        Result shell = run("status");
        assertThat(direct.status()).isEqualTo(shell.status()).isEqualTo(2);
        assertThat(direct.error()).startsWith("session state ").contains("is damaged").isEqualTo(shell.error());
        assertThat(direct.screen()).isEqualTo(shell.screen()).isEmpty();
    }

    @Test
    void onlyTheExactLinesStartDirectly() {
        java.util.function.Function<String, Boolean> served = line -> DirectStart.serves(
                GlobalOptions.parse(line.isEmpty() ? new String[0] : line.split(" ")));
        assertThat(served.apply("status")).isTrue();
        assertThat(served.apply("-C . status --json")).isTrue();
        assertThat(served.apply("backup list --json")).isTrue();
        // anything else is the shell's to parse: an option more, a flag first, --debug, help, the REPL
        assertThat(served.apply("status --json --json")).isFalse();
        assertThat(served.apply("--debug status")).isFalse();
        assertThat(served.apply("backup list --remote")).isFalse();
        assertThat(served.apply("status --help")).isFalse();
        assertThat(served.apply("help")).isFalse();
        assertThat(served.apply("")).isFalse();
    }

    @Test
    void missingArgumentIsBadInput() {
        Result r = run("backup", "select");
        assertThat(r.status()).isEqualTo(2);
        // a positional argument by the name help shows, not as an option never typed
        assertThat(r.error()).isEqualTo("backup select needs ID: backup id, or 'latest' (see 'help backup select')");
    }

    @Test
    void scriptStopsAtFirstFailureAndSkipsComments(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path script = TestFiles.write(dir, "s.rsh", "# a comment\n\nbackup select nope\nhelp\n");
        Result r = run("script", "run", script.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.screen()).doesNotContain("AVAILABLE COMMANDS");
    }

    @Test
    void unknownCommandsGetDidYouMeanOnlyWhenClose(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Result typo = run("diagnos");
        assertThat(typo.status()).isEqualTo(2);
        assertThat(typo.error()).isEqualTo("unknown command 'diagnos'; did you mean diagnose? ('help' lists the commands)");
        Result sub = run("backup", "lsit");
        assertThat(sub.error()).contains("unknown command 'backup lsit'; did you mean backup list?");
        Result far = run("frobnicate", "--json");
        assertThat(far.status()).isEqualTo(2);
        assertThat(far.error()).isEqualTo("unknown command 'frobnicate' ('help' lists the commands)");
        // scripts read their lines the same way
        Path script = TestFiles.write(dir, "s.rsh", "sugest\n");
        Result r = run("script", "run", script.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.error()).contains("unknown command 'sugest'; did you mean suggest?");
    }

    @Test
    void aBadOptionSaysWhatIsWrongInWordsAndNamesTheCommandsHelp() {
        Result notANumber = run("backup", "verify", "--sample", "abc");
        assertThat(notANumber.status()).isEqualTo(2);
        assertThat(notANumber.error()).isEqualTo("'abc' is not a number (see 'help backup verify')");
        Result notWhole = run("journal", "prune", "--keep", "two");
        assertThat(notWhole.status()).isEqualTo(2);
        assertThat(notWhole.error()).isEqualTo("'two' is not a whole number (see 'help journal prune')");
        Result unknown = run("undo", "--bogus");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.error()).isEqualTo("Unrecognised option '--bogus' (see 'help undo')");
        Result noPath = run("restore", "file");
        assertThat(noPath.status()).isEqualTo(2);
        assertThat(noPath.error()).isEqualTo("restore file needs PATH...: files or folders of the project, e.g."
                + " src/batch_processor/progress_tracker.py (see 'help restore file')");
        Result noKeep = run("backup", "prune");
        assertThat(noKeep.error()).isEqualTo("Missing mandatory option '--keep', how many of the newest backups to keep"
                + " (see 'help backup prune')");
        Result noValue = run("restore", "file", "src/app.py", "--from");
        assertThat(noValue.status()).isEqualTo(2);
        assertThat(noValue.error()).isEqualTo("--from needs a value (see 'help restore file')");
    }

    @Test
    void aWordNoArgumentTakesIsRefusedNotDroppedOrGivenToAFlag() {
        Result extra = run("diagnose", "--skip-tests", "extra");
        assertThat(extra.status()).isEqualTo(2);
        assertThat(extra.error()).isEqualTo("unexpected word 'extra': diagnose takes no words but its options"
                + " (see 'help diagnose')");
        Result two = run("backup", "select", "a", "b");
        assertThat(two.status()).isEqualTo(2);
        assertThat(two.error()).isEqualTo("unexpected word 'b': backup select takes ID (see 'help backup select')");
        Result rank = run("restore", "suggestion", "1", "2", "--dry-run");
        assertThat(rank.error()).isEqualTo("unexpected word '2': restore suggestion takes N (see 'help restore suggestion')");
        // what the arguments do take is not refused: several paths, option values, a flag's true/false, help's words
        assertThat(run("restore", "file", "src/a.py", "src/b.py", "--from", "nope").error()).startsWith("no backup");
        assertThat(run("backup", "create", "--phase", "-1").error()).startsWith("--phase must be 1 or more");
        assertThat(run("diagnose", "--skip-tests", "false", "--json", "true").error()).doesNotContain("unexpected");
        Result help = run("help", "backup", "select");
        assertThat(help.status()).isZero();
        assertThat(help.screen()).contains("backup select");
    }
}
