package dev.rollbackshell.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollbackshell.diagnose.Diagnosis;
import dev.rollbackshell.diagnose.Suggestions;
import dev.rollbackshell.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The one place {@code session.json} becomes a {@link SessionState} and back
 * (docs/architecture.md, "The session"). The format is the one of every version before the
 * session was typed: {@code selectedBackup}, {@code diagnosis} and {@code suggestions} as the
 * documents {@code diagnose --json} and {@code suggest --json} print (null when there are
 * none), {@code events}.
 */
final class SessionJson {

    /** The file as written: the diagnosis and the suggestions still as JSON, each read on its own below. */
    private record Doc(String selectedBackup, JsonNode diagnosis, JsonNode suggestions, List<SessionState.Event> events) {
    }

    private SessionJson() {
    }

    /** Reads {@code file}; throws when it is not a session document at all (the caller refuses it as damaged). */
    static SessionState read(Path file) throws IOException {
        Doc doc = Json.read(file, Doc.class);
        return new SessionState(doc.selectedBackup(), part(doc.diagnosis(), Diagnosis.class),
                part(doc.suggestions(), Suggestions.class), doc.events());
    }

    static byte[] bytes(SessionState state) {
        return Json.bytes(state);
    }

    /**
     * A diagnosis or suggestions document; null when there is none, or when it cannot be read
     * as one (hand-edited): the command that needs it then asks for 'diagnose' or 'suggest' again.
     */
    private static <T> T part(JsonNode node, Class<T> type) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return Json.MAPPER.treeToValue(node, type);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
