package dev.rollbackshell.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.project.Project;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionStoreTest {

    static final int EACH = 150;

    @TempDir
    Path root;

    /** Records {@code args[1]} events into the session of the project at {@code args[0]}. */
    public static void main(String[] args) {
        SessionStore store = new SessionStore(Project.at(Path.of(args[0])));
        for (int i = 0; i < Integer.parseInt(args[1]); i++) {
            store.record("test", args[2] + " " + i, 0);
        }
    }

    @Test
    void twoProcessesRecordingAtOnceLoseNoUpdate() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> ps = new ArrayList<>();
        for (String who : List.of("one", "two")) {
            ps.add(new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), SessionStoreTest.class.getName(),
                    root.toString(), String.valueOf(EACH), who).redirectErrorStream(true)
                    .redirectOutput(new File("/dev/null")).start());
        }
        for (Process p : ps) {
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).isZero();
        }
        List<SessionState.Event> events = new SessionStore(Project.at(root)).load().events();
        assertThat(events).hasSize(2 * EACH);
        assertThat(events.stream().filter(e -> e.summary().startsWith("one ")).map(SessionState.Event::summary))
                .as("one process's updates, in its order").containsExactlyElementsOf(
                        IntStream.range(0, EACH).mapToObj(i -> "one " + i).toList());
    }

    @Test
    void threadsOfOneProcessAndNestedUpdatesLoseNothing() throws Exception {
        SessionStore store = new SessionStore(Project.at(root));
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int who = t;
            Thread th = new Thread(() -> {
                for (int i = 0; i < 50; i++) {
                    store.record("test", who + " " + i, 0);
                }
            });
            th.start();
            ts.add(th);
        }
        for (Thread t : ts) {
            t.join();
        }
        store.update(s -> {
            store.record("nested", "inside an update", 0);
            return store.load().withSelectedBackup("b1");
        });
        SessionState s = store.load();
        assertThat(s.events()).hasSize(201);
        assertThat(s.selectedBackup()).isEqualTo("b1");
    }
}
