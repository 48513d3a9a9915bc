package dev.rollbackshell.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.rollbackshell.project.Names;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.RollbackException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Objects;

/**
 * Reads the active plan: {@code rollback-plan.yml} in the project root when present, the
 * built-in runbook otherwise. A malformed plan is refused (exit 2) with its file, line and
 * column and what to fix. Unknown keys are errors (a typo must not silently disable a check).
 */
public final class PlanLoader {

    public static final String FILE_NAME = "rollback-plan.yml";
    public static final String RUNBOOK = "runbook";

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private static volatile Plan builtIn;

    private final Project project;
    private ActivePlan cached;
    private FileTime cachedTime;
    private long cachedSize = -1;

    public PlanLoader(Project project) {
        this.project = project;
    }

    /** The built-in plan: the runbook itself. */
    public static Plan builtIn() {
        Plan p = builtIn;
        if (p == null) {
            try (InputStream in = PlanLoader.class.getResourceAsStream("runbook.yml")) {
                p = YAML.readValue(Objects.requireNonNull(in, "runbook.yml missing from the jar"), Plan.class);
            } catch (IOException e) {
                throw new UncheckedIOException("the built-in plan cannot be read", e);
            }
            builtIn = p;
        }
        return p;
    }

    /** The text of the built-in plan, as shipped. */
    public static String builtInText() {
        try (InputStream in = PlanLoader.class.getResourceAsStream("runbook.yml")) {
            return new String(Objects.requireNonNull(in).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path file() {
        return project.root().resolve(FILE_NAME);
    }

    /** The active plan; re-read when the file changed since the last call. */
    public synchronized ActivePlan active() {
        Path file = file();
        if (!Files.isRegularFile(file)) {
            cached = null;
            return new ActivePlan(builtIn(), ActivePlan.BUILT_IN, null);
        }
        try {
            FileTime t = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            if (cached != null && t.equals(cachedTime) && size == cachedSize) {
                return cached;
            }
            ActivePlan fresh = load(file);
            cached = fresh;
            cachedTime = t;
            cachedSize = size;
            return fresh;
        } catch (IOException e) {
            throw RollbackException.badInput("cannot read the plan " + file + ": " + e.getMessage());
        }
    }

    /** Reads one plan file; refuses (exit 2) a malformed one, naming line and column. */
    public static ActivePlan load(Path file) {
        String name = file.getFileName().toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw RollbackException.badInput("cannot read the plan " + file + ": " + e.getMessage());
        }
        Plan plan = parse(text, name);
        String source = name;
        if (plan.extends_() != null) {
            if (!RUNBOOK.equals(plan.extends_())) {
                int line = lineOf(text, "extends:");
                throw RollbackException.badInput(name + ":" + line + ":1: extends must be '" + RUNBOOK + "' (the built-in plan), not '"
                        + plan.extends_() + "'; fix the plan at that line, then 'plan show'");
            }
            plan = plan.over(builtIn());
            source = name + " (extends the built-in runbook)";
        }
        return new ActivePlan(plan, source, file);
    }

    /** Parses plan text; {@code name} is how errors name the file. */
    public static Plan parse(String text, String name) {
        if (text.isBlank()) {
            throw RollbackException.badInput(name + ":1:1: the plan is empty; write one with 'init --force' or delete it to use the built-in runbook");
        }
        Plan plan;
        try {
            plan = YAML.readValue(text, Plan.class);
        } catch (JsonProcessingException e) {
            throw RollbackException.badInput(describe(e, name, text));
        }
        if (plan == null) {
            throw RollbackException.badInput(name + ":1:1: the plan is empty; write one with 'init --force'");
        }
        List<String> problems = plan.crossCheck();
        if (!problems.isEmpty()) {
            String p = problems.get(0);
            String id = p.matches(".* id \\S+ appears twice") ? p.replaceAll(".* id (\\S+) appears twice", "$1") : null;
            int line = id == null ? 1 : secondLineOf(text, id);
            throw RollbackException.badInput(name + ":" + line + ":1: " + p + "; fix the plan at that line, then 'plan show'");
        }
        return plan;
    }

    private static String describe(JsonProcessingException e, String name, String text) {
        String where = name + ":" + position(e, text);
        String what;
        if (e instanceof UnrecognizedPropertyException u) {
            List<String> known = u.getKnownPropertyIds() == null ? List.of()
                    : u.getKnownPropertyIds().stream().map(String::valueOf).toList();
            what = "unknown key '" + u.getPropertyName() + "'" + path(u)
                    + Names.didYouMean(u.getPropertyName(), known).replace("; did", " (did").replace("?", "?)");
        } else if (rootCause(e) instanceof PlanException pe) {
            what = pe.getMessage();
        } else if (e instanceof JsonMappingException m) {
            what = firstLine(m.getOriginalMessage()) + path(m);
        } else {
            what = "not valid YAML: " + firstLine(e.getOriginalMessage());
        }
        return where + ": " + what + "; fix the plan at that line (docs/plan.md describes the format), then 'plan show'";
    }

    /**
     * "line:column" of what an error is about: for a mapping error, where the value at its
     * path starts (the parser's own position is often past it, after buffering); for a rule
     * broken by a value, where that quoted value appears; else the parser's position.
     */
    private static String position(JsonProcessingException e, String text) {
        int[] at = null;
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder pointer = new StringBuilder();
            for (JsonMappingException.Reference r : m.getPath()) {
                pointer.append('/').append(r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()));
            }
            at = LocationIndex.of(text).find(pointer.toString());
        }
        if (rootCause(e) instanceof PlanException pe) {
            // a rule broken by a quoted value: point at the value, at or after where its object starts
            java.util.regex.Matcher q = java.util.regex.Pattern.compile("'([^']+)'").matcher(pe.getMessage());
            while (q.find()) {
                int[] value = find(text, q.group(1), at == null ? 1 : at[0]);
                if (value != null) {
                    return value[0] + ":" + value[1];
                }
            }
        }
        if (at != null) {
            return at[0] + ":" + at[1];
        }
        JsonLocation loc = e.getLocation();
        return loc == null ? "1:1" : loc.getLineNr() + ":" + loc.getColumnNr();
    }

    private static int[] find(String text, String needle, int fromLine) {
        List<String> lines = text.lines().toList();
        for (int i = Math.max(0, fromLine - 1); i < lines.size(); i++) {
            int col = lines.get(i).indexOf(needle);
            if (col >= 0) {
                return new int[] {i + 1, col + 1};
            }
        }
        return null;
    }

    private static String path(JsonMappingException m) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) {
                b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.length() == 0 ? "" : " at " + b;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        return s.lines().findFirst().orElse(s).trim();
    }

    private static int lineOf(String text, String needle) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i + 1;
            }
        }
        return 1;
    }

    private static int secondLineOf(String text, String id) {
        List<String> lines = text.lines().toList();
        int seen = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("\\s*-?\\s*id:\\s*[\"']?" + java.util.regex.Pattern.quote(id) + "[\"']?\\s*(#.*)?")) {
                if (++seen == 2) {
                    return i + 1;
                }
            }
        }
        return 1;
    }

    /** Writes a plan as YAML (no comments), e.g. to show the built-in one. */
    public static String toYaml(Plan plan) {
        try {
            return YAML.writeValueAsString(plan);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
