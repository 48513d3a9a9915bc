package dev.rollbackshell.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each value of a YAML document starts, by JSON pointer ({@code /phases/0/title}),
 * so that an error found after the parser moved on can still name its line and column.
 */
final class LocationIndex {

    private final Map<String, int[]> starts = new HashMap<>();

    static LocationIndex of(String text) {
        LocationIndex index = new LocationIndex();
        try (JsonParser p = new YAMLFactory().createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                JsonLocation loc = p.currentTokenLocation();
                String pointer;
                if (t == JsonToken.FIELD_NAME) {
                    pointer = p.getParsingContext().pathAsPointer().toString();
                } else if (p.getParsingContext().inArray() || t.isStructStart()) {
                    var ctx = t.isStructStart() ? p.getParsingContext().getParent() : p.getParsingContext();
                    if (ctx == null || !ctx.inArray()) {
                        continue;
                    }
                    pointer = (t.isStructStart() ? p.getParsingContext().getParent() : p.getParsingContext())
                            .pathAsPointer().toString();
                } else {
                    continue;
                }
                index.starts.putIfAbsent(pointer, new int[] {loc.getLineNr(), loc.getColumnNr()});
            }
        } catch (IOException e) {
            // a syntax error: the index covers what came before it
        }
        return index;
    }

    /** Line and column of the value at {@code pointer}, or of its nearest parent that is known. */
    int[] find(String pointer) {
        String p = pointer;
        while (!p.isEmpty()) {
            int[] at = starts.get(p);
            if (at != null) {
                return at;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
        return null;
    }
}
