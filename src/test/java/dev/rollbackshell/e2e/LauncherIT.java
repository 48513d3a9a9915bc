package dev.rollbackshell.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.testing.Launcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real launcher: exit codes, one-line errors on stderr, no noise, stdin as a script. */
class LauncherIT {

    @TempDir
    Path project;

    @Test
    void unknownCommandIsOneLineAndStatusTwo() {
        Launcher.Run r = Launcher.run(project, "frobnicate");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("unknown command 'frobnicate'");
    }

    @Test
    void missingProjectFolderIsStatusTwo() {
        Launcher.Run r = Launcher.run(project, "-C", "no/such/dir", "help");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("does not exist");
    }

    @Test
    void helpHasNoBannerNorLogNoise() {
        Launcher.Run r = Launcher.run(project, "help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("AVAILABLE COMMANDS").doesNotContain("Spring").doesNotContain("INFO");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void standardInputRunsAsAScriptAndStopsAtTheFirstFailure() {
        Launcher.Run r = Launcher.runWithInput(project, "# comment\nhelp\nbackup select nope\nhelp\n");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("» help").contains("» backup select nope").contains("stdin:3");
        assertThat(r.err()).doesNotContain("dumb terminal");
        // piped input runs with the compiler directives (scripts/jit-directives.json): loaded, and silent
        assertThat(r.out()).doesNotContain("directives");
    }

    /**
     * The jar starts from the application context its build generated ahead of time, and
     * answers exactly as the reflective start that the in-process tests use.
     */
    @Test
    void aheadOfTimeContextAnswersAsTheReflectiveOne() {
        String lines = "help\nstatus\nplan show\nbackup list\nbackup select nope\n"; // the last through the error resolver
        Map<String, String> timing = Map.of("ROLLBACK_SHELL_TIMING", "1");
        Launcher.Run aot = Launcher.exec(project, lines, timing, Launcher.command("rollback-shell"));
        Launcher.Run reflective = Launcher.exec(project, lines,
                Map.of("ROLLBACK_SHELL_TIMING", "1", "ROLLBACK_SHELL_JAVA_OPTS", "-Dspring.aot.enabled=false"),
                Launcher.command("rollback-shell"));
        assertThat(aot.err()).contains("(generated ahead of time context)");
        assertThat(reflective.err()).contains("(reflective context)");
        assertThat(aot.status()).isEqualTo(reflective.status()).isEqualTo(2);
        assertThat(aot.out()).contains("AVAILABLE COMMANDS").isEqualTo(reflective.out());
        assertThat(withoutTimings(aot.err())).contains("stdin:5").isEqualTo(withoutTimings(reflective.err()));
    }

    /**
     * The one-shot looks that start without Spring (DirectStart) print what the shell prints
     * for the same line, a failure too, and on a JDK 25 start from a cache of their own.
     */
    @Test
    void oneShotLooksStartDirectlyAndAnswerAsTheShell() throws IOException {
        Files.createDirectories(project.resolve("src/app"));
        Files.writeString(project.resolve("src/app/main.py"), "VALUE = 1\n");
        // the clock standing still: a backup's age reads the same in every run
        Map<String, String> clock = Map.of("ROLLBACK_SHELL_JAVA_OPTS", "-Drollback.clock=2026-12-01T12:00:00Z");
        assertThat(Launcher.exec(project, null, clock, Launcher.command("rollback-shell", "backup", "create", "--no-git",
                "--no-baseline")).status()).isZero();
        Map<String, String> timing = new java.util.HashMap<>(clock);
        timing.put("ROLLBACK_SHELL_TIMING", "1");
        for (String line : List.of("status", "status --json", "backup list", "backup list --json", "plan show",
                "plan scenarios --json")) {
            Launcher.Run direct = Launcher.exec(project, null, timing, Launcher.command("rollback-shell", line.split(" ")));
            Launcher.Run shell = Launcher.exec(project, line + "\n", timing, Launcher.command("rollback-shell"));
            assertThat(direct.err()).as(line).contains("(no Spring context: started directly)");
            assertThat(shell.err()).as(line).contains("(generated ahead of time context)");
            assertThat(direct.status()).as(line).isZero().isEqualTo(shell.status());
            assertThat(direct.out()).as(line).isNotBlank().isEqualTo(shell.out());
        }
        // one option more: the shell's parser takes the line
        Launcher.Run more = Launcher.exec(project, null, timing, Launcher.command("rollback-shell", "status", "--json", "--json"));
        assertThat(more.err()).contains("(generated ahead of time context)");

        // a library that logs (JGit, here: its config folder cannot be made) prints nothing, as in the shell
        dev.rollbackshell.testing.GitCli.init(project).commitAll("first");
        Path notAFolder = Files.writeString(project.resolve("not-a-folder"), "");
        Map<String, String> noConfig = new java.util.HashMap<>(clock);
        noConfig.put("XDG_CONFIG_HOME", notAFolder.resolve("config").toString());
        Launcher.Run logging = Launcher.exec(project, null, noConfig, Launcher.command("rollback-shell", "backup", "list"));
        Launcher.Run loggingShell = Launcher.exec(project, "backup list\n", noConfig, Launcher.command("rollback-shell"));
        assertThat(logging.status()).isZero().isEqualTo(loggingShell.status());
        assertThat(logging.out()).isEqualTo(loggingShell.out()).doesNotContain("jgit").doesNotContain("ERROR");
        assertThat(logging.err()).isEmpty();

        Files.writeString(project.resolve(".rollback/session.json"), "{ not json");
        Launcher.Run direct = Launcher.run(project, "status");
        Launcher.Run shell = Launcher.runWithInput(project, "status\n");
        assertThat(direct.status()).isEqualTo(shell.status()).isEqualTo(2);
        assertThat(direct.out()).isEmpty();
        assertThat(direct.err().strip().lines()).hasSize(1);
        assertThat(direct.err()).startsWith("error: session state ").contains("is damaged");
        assertThat(shell.err()).contains(direct.err().strip());

        // the caches of this build (older builds' stay for a day)
        var built = Files.getLastModifiedTime(Path.of(System.getProperty("rollback.jar")));
        try (Stream<Path> s = Files.walk(Launcher.repo().resolve("target/.rollback-shell-cache"))) {
            for (Path aot : s.filter(p -> p.getFileName().toString().equals("rollback-shell.aot"))
                    .filter(p -> modified(p).compareTo(built) >= 0).toList()) {
                assertThat(aot.resolveSibling("direct.aot")).as("the direct start's cache beside " + aot).isNotEmptyFile();
            }
        }
    }

    private static java.nio.file.attribute.FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String withoutTimings(String err) {
        return err.lines().filter(l -> !l.startsWith("start-up:") && !l.startsWith("timing:"))
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    /**
     * The start-up cache: made once for a jar (two launchers starting together both run,
     * one cache), on the JDK 17 alone when no JDK 25 is found (CDS), and a damaged cache
     * falls back to the plain jar silently.
     */
    @Test
    void startUpCacheOnJdk17AloneRacesAndDamageFallBackSilently(@TempDir Path jars, @TempDir Path noJdks) throws Exception {
        Path jar = jars.resolve("rollback-shell.jar");
        Files.copy(Path.of(System.getProperty("rollback.jar")), jar);
        // only this JDK 17 (the one running the tests): no JDK 25 in the folder searched
        Map<String, String> env = Map.of("ROLLBACK_SHELL_JAR", jar.toString(), "ROLLBACK_SHELL_JDKS", noJdks.toString(),
                "JAVA_HOME", System.getProperty("java.home"));
        List<String> help = List.of(Launcher.script("rollback-shell").toString(), "help");
        var first = CompletableFuture.supplyAsync(() -> Launcher.exec(project, null, env, help));
        var second = CompletableFuture.supplyAsync(() -> Launcher.exec(project, null, env, help));
        for (Launcher.Run r : List.of(first.get(), second.get())) {
            assertThat(r.status()).isZero();
            assertThat(r.out()).contains("AVAILABLE COMMANDS");
            assertThat(r.err()).isEmpty();
        }
        List<Path> archives = archives(jars);
        assertThat(archives).hasSize(1);
        assertThat(archives.get(0).getFileName().toString()).isEqualTo("rollback-shell.jsa");

        Files.write(archives.get(0), new byte[4096]); // damaged: the JVM refuses it
        Launcher.Run r = Launcher.exec(project, null, env, List.of(Launcher.script("rollback-shell").toString(), "status"));
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("backup       none");
        assertThat(r.err()).isEmpty();

        // a command run with the compiler directives, on 17 too: they load, and say nothing
        Launcher.Run list = Launcher.exec(project, null, env, List.of(Launcher.script("rollback-shell").toString(), "backup", "list"));
        assertThat(list.status()).as(list.err()).isZero();
        assertThat(list.out()).doesNotContain("directives");
        assertThat(list.err()).isEmpty();
    }

    private static List<Path> archives(Path jars) throws IOException {
        try (Stream<Path> s = Files.walk(jars.resolve(".rollback-shell-cache"))) {
            return s.filter(p -> p.toString().endsWith(".jsa") || p.toString().endsWith(".aot")).toList();
        }
    }
}
