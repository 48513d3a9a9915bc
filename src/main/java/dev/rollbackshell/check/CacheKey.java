package dev.rollbackshell.check;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rollbackshell.backup.Hashing;
import dev.rollbackshell.backup.TreeFingerprint;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.plan.Check;
import dev.rollbackshell.plan.ComponentCheck;
import dev.rollbackshell.plan.Plan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a {@link CheckCache} entry is keyed by besides the tree: the sections that ran, the
 * plan as read, the environment the checks run in (the inherited one, less the variables
 * that differ between two terminals, plus the plan's), and the identity of every program
 * the checks start (the interpreter and the first word of each command, the file each
 * resolves to with its size, time and inode). Written out as one text, which the entry
 * keeps, and hashed with the tree fingerprint into the entry's name.
 */
final class CacheKey {

    /** Inherited environment variables that say nothing about how a check runs (they differ between two terminals). */
    private static final Set<String> VOLATILE_ENV = Set.of("PWD", "OLDPWD", "SHLVL", "_", "TERM", "TERM_PROGRAM",
            "TERM_PROGRAM_VERSION", "TERM_SESSION_ID", "COLORTERM", "COLUMNS", "LINES", "TMUX", "TMUX_PANE", "STY",
            "WINDOW", "WINDOWID", "DISPLAY", "SSH_CLIENT", "SSH_CONNECTION", "SSH_TTY", "SSH_AUTH_SOCK", "SSH_AGENT_PID",
            "GPG_AGENT_INFO", "PS1", "PS2", "PROMPT_COMMAND", "HISTFILE", "HISTSIZE", "HISTCONTROL", "LS_COLORS",
            "LESSOPEN", "LESSCLOSE", "MAIL", "XDG_SESSION_ID", "XDG_SESSION_TYPE", "XDG_SESSION_CLASS", "XDG_VTNR",
            "XDG_SEAT", "DBUS_SESSION_BUS_ADDRESS", "INVOCATION_ID", "JOURNAL_STREAM", "SECURITYSESSIONID");

    private CacheKey() {
    }

    /** The entry's name: the format version, the tree and the inputs, hashed. */
    static String of(TreeFingerprint tree, String inputs) {
        return Hashing.sha256((CheckCache.VERSION + "\n" + tree.sha256() + "\n" + inputs).getBytes(StandardCharsets.UTF_8));
    }

    /** Everything but the tree that the results depend on, as one text (hashed into the key; kept in the entry). */
    static String inputs(Plan plan, Path root, CheckSuite.Options options) {
        StringBuilder s = new StringBuilder();
        s.append("sections tests=").append(options.tests()).append(" data=").append(options.data()).append('\n');
        try {
            s.append("plan ").append(Hashing.sha256(Json.MAPPER.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .without(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(plan))).append('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = new TreeMap<>(System.getenv());
        VOLATILE_ENV.forEach(env::remove);
        env.putAll(CheckSuite.environment(plan));
        env.forEach((k, v) -> s.append("env ").append(k).append('=').append(v).append('\n'));
        for (String exe : programs(plan, root)) {
            s.append("program ").append(exe).append(' ').append(identity(exe, root, env.get("PATH"))).append('\n');
        }
        return s.toString();
    }

    /** The programs the checks start: the interpreter, and the first word of each command the plan gives. */
    private static Set<String> programs(Plan plan, Path root) {
        Set<String> exes = new LinkedHashSet<>();
        exes.add(plan.pythonExe());
        List<List<String>> commands = new ArrayList<>();
        plan.importsOrEmpty().forEach(c -> commands.add(c.argv(plan.pythonExe())));
        plan.functionalityOrEmpty().forEach(c -> commands.add(c.argv(plan.pythonExe())));
        for (ComponentCheck c : plan.componentsOrEmpty()) {
            if (c.command() != null) {
                commands.add(c.command());
            }
        }
        if (plan.performance() != null) {
            Check pc = plan.performance().asCheck();
            commands.add(pc.argv(plan.pythonExe()));
        }
        if (plan.tests() != null) {
            List<String> t = TestRunner.describe(plan, root);
            if (t != null) {
                commands.add(t);
            }
        }
        for (List<String> c : commands) {
            if (c != null && !c.isEmpty()) {
                exes.add(c.get(0));
            }
        }
        return exes;
    }

    /**
     * Who a program is: the file it resolves to (on the PATH, or in the project for
     * {@code ./mvnw}), through its links, with that binary's size, modification time and
     * inode; an interpreter upgraded or a virtual environment switched is another identity.
     */
    static String identity(String exe, Path root, String pathVariable) {
        Path c = exe.contains("/") ? (Path.of(exe).isAbsolute() ? Path.of(exe) : root.resolve(exe).normalize())
                : CommandRunner.which(exe, pathVariable);
        if (c == null || !Files.isRegularFile(c) || !Files.isExecutable(c)) {
            return "not found";
        }
        try {
            Path real = c.toRealPath();
            BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
            return c + " -> " + real + " " + a.size() + " " + a.lastModifiedTime().toMillis() + " " + a.fileKey();
        } catch (IOException e) {
            return c + " unreadable";
        }
    }
}
