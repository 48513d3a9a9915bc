package dev.rollbackshell.shell.render;

import dev.rollbackshell.shell.CommandWords;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.shell.command.CommandOption;
import org.springframework.shell.command.CommandRegistration;
import org.springframework.util.ClassUtils;

/**
 * The text of {@code help}: every command by group, the groups in the order of the
 * runbook's workflow and the commands alphabetically within them; and one command's
 * synopsis, its positional arguments by their label ({@code PATH...}, {@code ID}), then
 * its options. Replaces Spring Shell's help, whose order within a group was a hash map's.
 */
public final class HelpRender {

    /** The groups in the order a rollback goes; a group not named here comes after them, alphabetically. */
    static final List<String> GROUP_ORDER = List.of("Plan", "Backups", "Diagnosis", "Restore", "Report", "Scripts",
            "Built-In Commands");

    private static final String INDENT = "       ";

    private HelpRender() {
    }

    /** "AVAILABLE COMMANDS", then each group and its commands with their descriptions. */
    public static String commands(Map<String, CommandRegistration> registrations) {
        Map<String, Map<String, CommandRegistration>> byGroup = new TreeMap<>(
                Comparator.comparingInt(HelpRender::groupRank).thenComparing(Comparator.naturalOrder()));
        registrations.forEach((name, r) -> {
            if (!r.isHidden()) {
                String group = r.getGroup() == null || r.getGroup().isBlank() ? "Default" : r.getGroup();
                byGroup.computeIfAbsent(group, g -> new TreeMap<>()).put(name, r);
            }
        });
        StringBuilder out = new StringBuilder("AVAILABLE COMMANDS\n");
        byGroup.forEach((group, commands) -> {
            out.append('\n').append(group).append('\n');
            commands.forEach((name, r) -> {
                List<String> names = new ArrayList<>(List.of(name));
                r.getAliases().forEach(a -> names.add(a.getCommand()));
                out.append(INDENT).append(String.join(", ", names)).append(": ").append(describe(r)).append('\n');
            });
        });
        return out.toString();
    }

    /** NAME, SYNOPSIS, ARGUMENTS (the positional ones) and OPTIONS of one command. */
    public static String command(String name, CommandRegistration r) {
        List<CommandOption> positional = CommandWords.positional(r);
        List<CommandOption> options = r.getOptions().stream().filter(o -> !positional.contains(o)).toList();
        StringBuilder out = new StringBuilder();
        out.append("NAME\n").append(INDENT).append(name).append(" - ").append(describe(r)).append("\n\n");
        List<String> synopsis = new ArrayList<>(List.of(name));
        positional.forEach(o -> synopsis.add(o.isRequired() || o.getLabel().startsWith("[") ? o.getLabel() : "[" + o.getLabel() + "]"));
        options.forEach(o -> {
            String usage = (longName(o) + " " + valueName(o)).strip();
            synopsis.add(o.isRequired() ? usage : "[" + usage + "]");
        });
        out.append("SYNOPSIS\n").append(INDENT).append(String.join(" ", synopsis)).append('\n');
        if (!positional.isEmpty()) {
            out.append("\nARGUMENTS\n");
            positional.forEach(o -> out.append(INDENT).append(o.getLabel()).append('\n')
                    .append(INDENT).append(text(o.getDescription())).append('\n')
                    .append(INDENT).append(required(o)).append("; or ").append(longName(o)).append(' ')
                    .append(o.getLabel().matches("\\[[^]\\[]*]") ? o.getLabel().substring(1, o.getLabel().length() - 1)
                            : o.getLabel()).append("]\n\n"));
        }
        if (!options.isEmpty()) {
            out.append(positional.isEmpty() ? "\n" : "").append("OPTIONS\n");
            for (CommandOption o : options) {
                String names = String.join(" or ", Stream.concat(Stream.of(o.getLongNames()).map(n -> "--" + n),
                        Stream.of(o.getShortNames()).map(c -> "-" + c)).toList());
                out.append(INDENT).append((names + " " + valueName(o)).strip()).append('\n')
                        .append(INDENT).append(text(o.getDescription())).append('\n')
                        .append(INDENT).append(required(o)).append("]\n\n");
            }
        }
        return out.toString().stripTrailing() + "\n";
    }

    private static int groupRank(String group) {
        int i = GROUP_ORDER.indexOf(group);
        return i < 0 ? GROUP_ORDER.size() : i;
    }

    private static String describe(CommandRegistration r) {
        return text(r.getDescription());
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static String longName(CommandOption o) {
        return o.getLongNames().length > 0 ? "--" + o.getLongNames()[0] : "-" + o.getShortNames()[0];
    }

    /** What follows the option's name: nothing for a flag, else its label or its type ({@code String}, {@code int}). */
    private static String valueName(CommandOption o) {
        Class<?> type = o.getType() == null ? null : o.getType().resolve();
        if (o.getArityMax() == 0 || type == boolean.class || type == Boolean.class || type == Void.class
                || type == void.class) {
            return "";
        }
        if (o.getLabel() != null && !o.getLabel().isBlank()) {
            return o.getLabel();
        }
        return type == null ? "String" : ClassUtils.getShortName(type);
    }

    /** "[Mandatory" or "[Optional, default = 1" (flags' false left out); the caller closes the bracket. */
    private static String required(CommandOption o) {
        String s = o.isRequired() ? "[Mandatory" : "[Optional";
        if (o.getDefaultValue() != null && !o.getDefaultValue().isBlank() && !valueName(o).isEmpty()) {
            s += ", default = " + o.getDefaultValue();
        }
        return s;
    }
}
