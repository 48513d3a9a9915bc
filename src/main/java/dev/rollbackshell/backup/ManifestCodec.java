package dev.rollbackshell.backup;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.PrettyPrinter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code manifest.json} read and written with Jackson's streaming API: a backup of ten
 * thousand files has a manifest of ten thousand entries, and this keeps reading and
 * writing it to tens of milliseconds even in a freshly started process (no object
 * mapping, no reflection). The document is the same one the shared mapper would write
 * for {@link Manifest}: same field names, entries last, unknown fields ignored.
 */
public final class ManifestCodec {

    private static final JsonFactory FACTORY = new JsonFactory();

    private ManifestCodec() {
    }

    /** The whole manifest. */
    public static Manifest read(Path file) throws IOException {
        return parse(Files.newInputStream(file), file, false);
    }

    /** The whole manifest from its bytes (a blob in git); {@code named} is what a message calls it. */
    public static Manifest read(byte[] content, Path named) throws IOException {
        return parse(new java.io.ByteArrayInputStream(content), named, false);
    }

    /** The manifest without its entries: stops reading at them (the tool writes them last). */
    public static Manifest readHeader(Path file) throws IOException {
        return parse(Files.newInputStream(file), file, true);
    }

    public static byte[] write(Manifest m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + m.entries().size() * 200);
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.setPrettyPrinter(new OneEntryPerLine());
            g.writeStartObject();
            g.writeNumberField("version", m.version());
            g.writeStringField("id", m.id());
            g.writeStringField("createdAt", m.createdAt() == null ? null : m.createdAt().toString());
            writeInteger(g, "phase", m.phase());
            g.writeStringField("message", m.message());
            g.writeStringField("madeBy", m.madeBy());
            writeStrings(g, "folders", m.folders());
            writeStrings(g, "skipped", m.skipped());
            g.writeStringField("gitRef", m.gitRef());
            g.writeStringField("gitCommit", m.gitCommit());
            g.writeNumberField("newBytes", m.newBytes());
            if (!m.notCopied().isEmpty()) {
                writeStrings(g, "notCopied", m.notCopied());
            }
            g.writeArrayFieldStart("entries");
            for (ManifestEntry e : m.entries()) {
                g.writeStartObject();
                g.writeStringField("path", e.path());
                g.writeStringField("type", e.type());
                g.writeNumberField("size", e.size());
                g.writeStringField("mode", e.mode());
                g.writeNumberField("mtime", e.mtime());
                g.writeStringField("sha256", e.sha256());
                g.writeStringField("link", e.link());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Readable and compact: the manifest's own fields one per line, each entry on one
     * line of its own (a big manifest stays small and quick to write and read).
     */
    private static final class OneEntryPerLine implements PrettyPrinter {

        private static boolean top(JsonGenerator g) {
            JsonStreamContext c = g.getOutputContext();
            return c.inRoot() || (c.getParent() != null && c.getParent().inRoot());
        }

        @Override
        public void writeRootValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw('\n');
        }

        @Override
        public void writeStartObject(JsonGenerator g) throws IOException {
            g.writeRaw('{');
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) throws IOException {
            if (top(g)) {
                g.writeRaw("\n  ");
            }
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(top(g) ? ",\n  " : ", ");
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            g.writeRaw(top(g) ? "\n}\n" : "}");
        }

        /** True inside the top-level "entries" array. */
        private static boolean inEntries(JsonGenerator g) {
            JsonStreamContext array = g.getOutputContext();
            JsonStreamContext object = array.getParent();
            return object != null && object.getParent() != null && object.getParent().inRoot()
                    && "entries".equals(object.getCurrentName());
        }

        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            g.writeRaw('[');
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            if (inEntries(g)) {
                g.writeRaw("\n    ");
            }
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(inEntries(g) ? ",\n    " : ", ");
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            g.writeRaw(inEntries(g) && values > 0 ? "\n  ]" : "]");
        }
    }

    private static Manifest parse(java.io.InputStream in, Path file, boolean headerOnly) throws IOException {
        int version = Manifest.VERSION;
        String id = null;
        Instant createdAt = null;
        Integer phase = null;
        String message = null;
        String madeBy = null;
        List<String> folders = null;
        List<String> skipped = null;
        List<String> notCopied = null;
        String gitRef = null;
        String gitCommit = null;
        long newBytes = 0;
        List<ManifestEntry> entries = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(in)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT, file);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "version" -> version = v == JsonToken.VALUE_NULL ? Manifest.VERSION : p.getIntValue();
                    case "id" -> id = text(p);
                    case "createdAt" -> createdAt = v == JsonToken.VALUE_NULL ? null : Instant.parse(p.getText());
                    case "phase" -> phase = v == JsonToken.VALUE_NULL ? null : p.getIntValue();
                    case "message" -> message = text(p);
                    case "madeBy" -> madeBy = text(p);
                    case "folders" -> folders = strings(p, file);
                    case "skipped" -> skipped = strings(p, file);
                    case "notCopied" -> notCopied = strings(p, file);
                    case "gitRef" -> gitRef = text(p);
                    case "gitCommit" -> gitCommit = text(p);
                    case "newBytes" -> newBytes = v == JsonToken.VALUE_NULL ? 0 : p.getLongValue();
                    case "entries" -> {
                        expect(p, v, JsonToken.START_ARRAY, file);
                        if (headerOnly) {
                            if (folders != null) {
                                return new Manifest(version, id, createdAt, phase, message, madeBy, folders, skipped,
                                        gitRef, gitCommit, newBytes, List.of(), notCopied);
                            }
                            p.skipChildren(); // not written by the tool (entries first): read on
                        } else {
                            while (p.nextToken() == JsonToken.START_OBJECT) {
                                entries.add(entry(p, file));
                            }
                            expect(p, p.currentToken(), JsonToken.END_ARRAY, file);
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            expect(p, p.currentToken(), JsonToken.END_OBJECT, file);
        } catch (RuntimeException e) {
            throw new IOException("malformed manifest " + file + ": " + e.getMessage(), e);
        }
        return new Manifest(version, id, createdAt, phase, message, madeBy, folders, skipped, gitRef, gitCommit,
                newBytes, headerOnly ? List.of() : entries, notCopied);
    }

    private static ManifestEntry entry(JsonParser p, Path file) throws IOException {
        String path = null;
        String type = null;
        long size = 0;
        String mode = null;
        long mtime = 0;
        String sha = null;
        String link = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "path" -> path = text(p);
                case "type" -> type = text(p);
                case "size" -> size = v == JsonToken.VALUE_NULL ? 0 : p.getLongValue();
                case "mode" -> mode = text(p);
                case "mtime" -> mtime = v == JsonToken.VALUE_NULL ? 0 : p.getLongValue();
                case "sha256" -> sha = text(p);
                case "link" -> link = text(p);
                default -> p.skipChildren();
            }
        }
        expect(p, p.currentToken(), JsonToken.END_OBJECT, file);
        if (path == null || type == null) {
            throw new IOException("malformed manifest " + file + ": an entry without path or type");
        }
        return new ManifestEntry(path, type, size, mode, mtime, sha, link);
    }

    private static String text(JsonParser p) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : p.getValueAsString();
    }

    private static List<String> strings(JsonParser p, Path file) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p, p.currentToken(), JsonToken.START_ARRAY, file);
        List<String> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() == null) {
                throw new IOException("malformed manifest " + file + ": unexpected end");
            }
            out.add(p.getValueAsString());
        }
        return out;
    }

    private static void expect(JsonParser p, JsonToken got, JsonToken wanted, Path file) throws IOException {
        if (got != wanted) {
            throw new IOException("malformed manifest " + file + ": expected " + wanted + " but found " + got
                    + " at " + p.currentLocation());
        }
    }

    private static void writeInteger(JsonGenerator g, String name, Integer v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, v);
        }
    }

    private static void writeStrings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
