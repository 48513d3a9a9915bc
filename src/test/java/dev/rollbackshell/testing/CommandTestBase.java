package dev.rollbackshell.testing;

import static org.awaitility.Awaitility.await;

import dev.rollbackshell.RollbackShellApplication;
import dev.rollbackshell.shell.GlobalOptions;
import dev.rollbackshell.shell.Outcome;
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
        outcome.reset();
        // the emulated terminal is shared by every run: clear it so the screen holds this command's output only
        terminal.writer().print("\033[3J\033[H\033[2J");
        terminal.writer().flush();
        var session = client.nonInterative(words).run();
        await().atMost(Duration.ofMinutes(5)).until(session::isComplete);
        String screen = String.join("\n", session.screen().lines()).strip();
        return new Result(screen, outcome.last(), outcome.lastError());
    }

    private static Path createProject() {
        try {
            return Files.createTempDirectory("rollback-command-test").toRealPath();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
