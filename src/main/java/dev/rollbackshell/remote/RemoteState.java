package dev.rollbackshell.remote;

import dev.rollbackshell.json.Json;
import dev.rollbackshell.project.AtomicFiles;
import dev.rollbackshell.project.Failures;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.RollbackException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code .rollback/remotes.json}: which backups went to which remote, and which came from
 * one. It lets {@code backup list} say "fetched from origin" and {@code backup prune} tell
 * a backup that exists only here from one a remote also holds. Written atomically; a file
 * that cannot be read counts as empty (nothing pushed, nothing fetched).
 *
 * @param pushed  backup id to the remotes it was pushed to
 * @param fetched backup id to where it was fetched from
 */
public record RemoteState(Map<String, List<String>> pushed, Map<String, Fetched> fetched) {

    public static final String FILE = "remotes.json";

    /** Where a fetched backup came from. */
    public record Fetched(String remote, String url, String commit, Instant at) {
    }

    public RemoteState {
        pushed = pushed == null ? new TreeMap<>() : new TreeMap<>(pushed);
        fetched = fetched == null ? new TreeMap<>() : new TreeMap<>(fetched);
    }

    public static RemoteState load(Project project) {
        Path file = project.state(FILE);
        if (!Files.isRegularFile(file)) {
            return new RemoteState(null, null);
        }
        try {
            return Json.read(file, RemoteState.class);
        } catch (IOException e) {
            return new RemoteState(null, null);
        }
    }

    /** True when some remote holds the backup: it was pushed to one or came from one. */
    public boolean onARemote(String id) {
        return (pushed.containsKey(id) && !pushed.get(id).isEmpty()) || fetched.containsKey(id);
    }

    /** True once any backup was pushed: from then on prune keeps the backups no remote holds. */
    public boolean everPushed() {
        return !pushed.isEmpty();
    }

    RemoteState withPushed(String id, String remote) {
        Map<String, List<String>> p = new TreeMap<>(pushed);
        List<String> remotes = new ArrayList<>(p.getOrDefault(id, List.of()));
        if (!remotes.contains(remote)) {
            remotes.add(remote);
        }
        p.put(id, remotes);
        return new RemoteState(p, fetched);
    }

    RemoteState withFetched(String id, Fetched from) {
        Map<String, Fetched> f = new TreeMap<>(fetched);
        f.put(id, from);
        return new RemoteState(pushed, f);
    }

    void save(Project project) {
        try {
            Files.createDirectories(project.stateDir());
            AtomicFiles.write(project.state(FILE), Json.bytes(this));
        } catch (IOException e) {
            throw RollbackException.problem("cannot record what was pushed and fetched in " + project.state(FILE)
                    + ": " + Failures.describe(e));
        }
    }
}
