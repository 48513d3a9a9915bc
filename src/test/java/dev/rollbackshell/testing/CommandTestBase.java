package dev.rollbackshell.testing;

import static org.awaitility.Awaitility.await;

import dev.rollbackshell.RollbackShellApplication;
import dev.rollbackshell.shell.Console;
import dev.rollbackshell.shell.DirectStart;
import dev.rollbackshell.shell.GlobalOptions;
import dev.rollbackshell.shell.Outcome;
import dev.rollbackshell.shell.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.shell.test.ShellTestClient;
import org.springframework.shell.test.autoconfigure.AutoConfigureShell;
import org.springframework.shell.test.autoconfigure.AutoConfigureShellTestClient;

/**
 * Command tests through Spring Shell's test client, on a real project folder. The whole
 * application context is shared by the test classes (one start-up); each test gets the
 * project folder emptied first, so build the fixture it needs in a {@code @BeforeEach}.
 * {@link #run(String...)} gives what the command printed on the terminal and the exit
 * status the process would have ended with.
 */
// a tall, wide emulated terminal: whole JSON documents and tables fit on the screen unwrapped
@SpringBootTest(classes = RollbackShellApplication.class, properties = {"spring.shell.interactive.enabled=false", "spring.shell.history.enabled=false",
        "spring.shell.test.terminal-width=500", "spring.shell.test.terminal-height=400"})
@AutoConfigureShell
@AutoConfigureShellTestClient
@Import(CommandTestBase.Config.class)
public abstract class CommandTestBase {

    /** The project every command test works on (the shared context's -C DIR). */
    protected static final Path PROJECT = createProject();

    @Autowired
    protected ShellTestClient client;

    @Autowired
    protected Outcome outcome;

    @Autowired
    private org.jline.terminal.Terminal terminal;

    @Autowired
    private Workspace workspace;

    @Autowired
    private Console console;

    /** Commands run so far: numbers each run's end-of-output marker. */
    private static int commands;

    @TestConfiguration
    public static class Config {
        @Bean
        GlobalOptions globalOptions() {
            return new GlobalOptions(PROJECT, false, false, List.of());
        }
    }

    /** What one command did: the screen text, its status and the error line it printed (if any). */
    public record Result(String screen, int status, String error) {
    }

    @BeforeEach
    void emptyProject() throws IOException {
        TestFiles.deleteContents(PROJECT);
    }

    protected Result run(String... words) {
        return capture(words, () -> {
            var session = client.nonInterative(words).run();
            // polled every 10 ms from the start (Awaitility's default, 100 ms and a first look after 100 ms,
            // cost every command here about 0.2 s)
            await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).atMost(Duration.ofMinutes(5))
                    .until(session::isComplete);
        });
    }

    /**
     * Runs a line the way a one-shot command that starts without Spring does ({@link DirectStart}),
     * on this context's workspace, console and terminal: what it printed, as {@link #run} tells it.
     */
    protected Result runDirect(String... words) {
        return capture(words, () -> DirectStart.run(List.of(words), workspace, console, outcome));
    }

    private Result capture(String[] words, Runnable command) {
        outcome.reset();
        // the emulated terminal is shared by every run: clear it so the screen holds this command's output only
        terminal.writer().print("\033[3J\033[H\033[2J");
        terminal.writer().flush();
        command.run();
        // the emulated screen reads the terminal's output on a thread of its own, so a command that has completed
        // may not be on the screen yet, or only in part. A marker written after it, down the same stream, is on
        // the screen only once everything before it is: wait for the marker and keep what is above it
        String marker = "-- end of command output " + (++commands) + " --";
        terminal.writer().print("\r\n" + marker);
        terminal.writer().flush();
        List<String> lines = await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                .atMost(Duration.ofMinutes(1))
                .until(() -> client.screen().lines(), l -> l.stream().anyMatch(line -> line.strip().equals(marker)));
        int end = 0;
        while (!lines.get(end).strip().equals(marker)) {
            end++;
        }
        if (end == lines.size() - 1) {
            // on the last row: the output may have scrolled its first lines off the screen
            throw new AssertionError("the output of '" + String.join(" ", words) + "' fills the emulated screen ("
                    + lines.size() + " rows); its first lines may be lost: raise spring.shell.test.terminal-height");
        }
        String screen = String.join("\n", lines.subList(0, end)).strip();
        return new Result(screen, outcome.last(), outcome.lastError());
    }

    /**
     * Makes every file of the project an hour old (so size and time can be trusted), then a backup without baseline
     * or git; returns its id.
     */
    protected String backupNow() throws IOException {
        try (java.util.stream.Stream<Path> s = Files.walk(PROJECT)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.from(
                        java.time.Instant.now().minus(1, java.time.temporal.ChronoUnit.HOURS)));
            }
        }
        Result r = run("backup", "create", "--no-baseline", "--no-git");
        org.assertj.core.api.Assertions.assertThat(r.status()).as(r.error()).isZero();
        return r.screen().replaceAll("(?s).*backup (\\d{8}_\\d{6}(_\\d+)?) made.*", "$1");
    }

    /**
     * A new folder {@code rollback-command-NNNNNNNN} in the temporary folder: always the same
     * length, so that output which shortens long lines cuts them at the same place in every
     * run (the golden tests depend on it).
     */
    private static Path createProject() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        var random = new java.util.Random();
        for (int attempt = 0; ; attempt++) {
            Path dir = tmp.resolve(String.format("rollback-command-%08d", random.nextInt(100_000_000)));
            try {
                return Files.createDirectory(dir).toRealPath();
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw new IllegalStateException(e);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
