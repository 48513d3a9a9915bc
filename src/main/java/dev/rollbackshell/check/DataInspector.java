package dev.rollbackshell.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.plan.DataCheck;
import dev.rollbackshell.project.Globs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the data files of a data check in a folder: does each parse, how many records
 * does it hold (JSON: length of the top-level array or object, the runbook's {@code len(data)};
 * JSON lines: non-empty lines; CSV: rows after the header; lines: non-empty lines).
 */
public final class DataInspector {

    private DataInspector() {
    }

    public static DataResult inspect(DataCheck check, Path dir) {
        List<DataResult.DataFile> files = new ArrayList<>();
        for (String rel : Globs.files(dir, check.glob())) {
            files.add(read(dir.resolve(rel), rel, check.format()));
        }
        return new DataResult(check.id(), check.glob(), check.format(), files);
    }

    static DataResult.DataFile read(Path file, String rel, String format) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, StandardCharsets.UTF_8);
            return switch (format) {
                case "json" -> {
                    JsonNode n = Json.MAPPER.readTree(bytes);
                    if (n == null || n.isMissingNode()) {
                        yield new DataResult.DataFile(rel, false, null, "empty file");
                    }
                    yield new DataResult.DataFile(rel, true, n.isContainerNode() ? n.size() : 1, null);
                }
                case "jsonl" -> {
                    int n = 0;
                    int line = 0;
                    for (String l : text.split("\\R")) {
                        line++;
                        if (!l.isBlank()) {
                            try {
                                Json.MAPPER.readTree(l);
                            } catch (IOException e) {
                                yield new DataResult.DataFile(rel, false, null, "line " + line + " is not JSON");
                            }
                            n++;
                        }
                    }
                    yield new DataResult.DataFile(rel, true, n, null);
                }
                case "csv" -> {
                    long rows = text.lines().filter(l -> !l.isBlank()).count();
                    yield new DataResult.DataFile(rel, true, (int) Math.max(0, rows - 1), null);
                }
                default -> new DataResult.DataFile(rel, true, (int) text.lines().filter(l -> !l.isBlank()).count(), null);
            };
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            return new DataResult.DataFile(rel, false, null, m.replaceAll("\\s*\\(for input string.*", ""));
        }
    }
}
