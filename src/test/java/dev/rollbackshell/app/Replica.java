package dev.rollbackshell.app;

import dev.rollbackshell.project.Project;
import dev.rollbackshell.session.SessionState;
import dev.rollbackshell.testing.BackupFixtures;
import dev.rollbackshell.testing.Athena;
import dev.rollbackshell.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The demo replica ({@code testing/Athena}) with its hand-made backup, and a use-case
 * context over it whose progress lines and warnings are kept for the test to read.
 */
final class Replica {

    static final String FEEDBACK = "src/batch_processor/feedback_loop.py";

    final Path dir;
    final List<String> progress = new CopyOnWriteArrayList<>();
    final Context cx;

    private Replica(Path dir) {
        this.dir = dir;
        this.cx = Context.of(Project.at(dir), progress::add, progress::add);
    }

    /** The replica in {@code dir}; {@code backup}: with backup {@link Athena#BACKUP_ID} of it as it is now. */
    static Replica create(Path dir, boolean backup) throws IOException {
        Athena.create(dir);
        if (backup) {
            BackupFixtures.manual(dir, Athena.BACKUP_ID, Athena.FOLDERS);
        }
        return new Replica(dir);
    }

    /** Scenario 3B: the feedback loop oversimplified (its methods gone), a restore of one file from the backup heals it. */
    Replica breakFeedbackLoop() throws IOException {
        TestFiles.write(dir, FEEDBACK, "class FeedbackLoopManager:\n    def __init__(self, data_dir):\n        pass\n");
        return this;
    }

    String read(String path) throws IOException {
        return TestFiles.read(dir, path);
    }

    /** What the project lock file says: "pid=… doing=PURPOSE" while a run holds it, empty once released. */
    String lockHolder() throws IOException {
        return TestFiles.read(dir, ".rollback/lock");
    }

    List<SessionState.Event> events() {
        return cx.session().load().events();
    }

    SessionState.Event lastEvent() {
        List<SessionState.Event> e = events();
        return e.get(e.size() - 1);
    }

    /** Runs {@code work} while another thread of this process holds the project lock. */
    void whileLockedElsewhere(Runnable work) throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            try (var lock = cx.lock("another run")) {
                held.countDown();
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        other.start();
        held.await();
        try {
            work.run();
        } finally {
            done.countDown();
            other.join();
        }
    }
}
