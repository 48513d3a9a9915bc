package dev.rollbackshell.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.shell.command.CommandOption;
import org.springframework.shell.command.CommandRegistration;

/**
 * The words of a command line, read the way git and restic users type them: which command
 * they name (the longest registered one), and flags anywhere. Spring Shell 3.4 takes the
 * word after a boolean flag as the flag's value ({@code restore file --dry-run src/x}
 * fails); {@link #flagsLast} moves each boolean flag, with an explicit {@code true} or
 * {@code false} after it if there is one, behind the other words, which it then reads as
 * they were meant. Options that take a value keep it and their place. A lone {@code --}
 * ends the options: what follows stays where it is.
 */
public final class CommandWords {

    private static final Set<String> BOOLEAN_VALUES = Set.of("true", "false");

    private CommandWords() {
    }

    /** The command the words name (longest match first, aliases too), or null. */
    public static String find(Map<String, CommandRegistration> registrations, List<String> words) {
        for (int n = words.size(); n > 0; n--) {
            String candidate = String.join(" ", words.subList(0, n));
            if (registrations.containsKey(candidate)) {
                return candidate;
            }
            for (CommandRegistration r : registrations.values()) {
                if (r.getAliases().stream().anyMatch(a -> a.getCommand().equals(candidate))) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** The registration of {@code command} (a name or an alias), or null. */
    public static CommandRegistration registration(Map<String, CommandRegistration> registrations, String command) {
        if (command == null) {
            return null;
        }
        CommandRegistration r = registrations.get(command);
        if (r != null) {
            return r;
        }
        return registrations.values().stream()
                .filter(x -> x.getAliases().stream().anyMatch(a -> a.getCommand().equals(command)))
                .findFirst().orElse(null);
    }

    /** {@code words} (command words first) with the boolean flags of {@code r} moved to the end. */
    public static List<String> flagsLast(CommandRegistration r, String command, List<String> words) {
        int commandWords = command.split(" ").length;
        List<String> head = new ArrayList<>(words.subList(0, Math.min(commandWords, words.size())));
        List<String> rest = new ArrayList<>();
        List<String> flags = new ArrayList<>();
        List<String> args = words.subList(head.size(), words.size());
        for (int i = 0; i < args.size(); i++) {
            String w = args.get(i);
            if (w.equals("--")) {
                rest.addAll(args.subList(i, args.size()));
                break;
            }
            if (isBooleanFlag(r, w)) {
                flags.add(w);
                if (i + 1 < args.size() && BOOLEAN_VALUES.contains(args.get(i + 1).toLowerCase())) {
                    flags.add(args.get(++i));
                }
                continue;
            }
            rest.add(w);
            if (takesValue(r, w) && i + 1 < args.size()) {
                rest.add(args.get(++i)); // the value, even one that looks like a flag's name
            }
        }
        head.addAll(rest);
        head.addAll(flags);
        return head;
    }

    /**
     * The first word after {@code command} in {@code words} that no option takes and no
     * positional argument has room for ({@code backup select a b}: {@code b}; {@code diagnose
     * extra}: {@code extra}), or null. Spring Shell would otherwise drop it, or give it to a
     * flag by position. Unknown option names are left to the parser; a command whose options
     * may take words by position without a label (a built-in one) is not judged.
     */
    public static String unexpected(CommandRegistration r, String command, List<String> words) {
        List<CommandOption> open = new ArrayList<>(positional(r));
        boolean unlabelled = r.getOptions().stream().anyMatch(o -> o.getPosition() >= 0 && !open.contains(o)
                && !isBoolean(o));
        if (open.isEmpty() && unlabelled) {
            return null;
        }
        int commandWords = command.split(" ").length;
        List<String> args = words.subList(Math.min(commandWords, words.size()), words.size());
        Reading reading = read(r, args, args.size());
        open.removeAll(reading.named());
        long room = 0;
        for (CommandOption o : open) {
            room += room(o);
        }
        List<String> bare = reading.bare();
        return bare.size() > room ? bare.get((int) room) : null;
    }

    /**
     * The positional arguments of a command, in order: its options declared with a label
     * ({@code PATH...}, {@code ID}, {@code N}), which {@code help} shows by that label and
     * tab completion fills without offering option names.
     */
    public static List<CommandOption> positional(CommandRegistration r) {
        return r.getOptions().stream()
                .filter(o -> o.getLabel() != null && !o.getLabel().isBlank() && o.getPosition() >= 0)
                .sorted(java.util.Comparator.comparingInt(CommandOption::getPosition))
                .toList();
    }

    /**
     * The positional argument that the word at {@code index} of {@code args} (the words after
     * the command) fills, or null: it is the value of an option, or every positional argument
     * already has its values (given by position or by its option name).
     */
    public static CommandOption positionalAt(CommandRegistration r, List<String> args, int index) {
        return slots(r, args, index).at();
    }

    /** The positional arguments that the words before {@code index} gave a value by position. */
    public static List<CommandOption> positionalGiven(CommandRegistration r, List<String> args, int index) {
        return slots(r, args, index).given();
    }

    private record Slots(List<CommandOption> given, CommandOption at) {
    }

    private static Slots slots(CommandRegistration r, List<String> args, int index) {
        Reading reading = read(r, args, Math.min(index, args.size()));
        List<CommandOption> open = new ArrayList<>(positional(r));
        open.removeAll(reading.named());
        int values = reading.bare().size();
        List<CommandOption> given = new ArrayList<>();
        CommandOption at = null;
        for (CommandOption o : open) {
            if (values > 0) {
                given.add(o);
            }
            if (values < room(o)) {
                at = o;
                break;
            }
            values -= room(o);
        }
        return new Slots(given, reading.endsAtValue() ? null : at);
    }

    /**
     * The words after a command as the parser reads them: the options they name, and the words
     * left bare (values by position). {@code endsAtValue}: the word at {@code end} would be the
     * value of the option named last.
     */
    private record Reading(List<CommandOption> named, List<String> bare, boolean endsAtValue) {
    }

    /**
     * {@code args} before {@code end}: an option name takes its value (a boolean flag takes a
     * following {@code true} or {@code false}); every word after {@code --} is bare; an unknown
     * option name is left to the parser.
     */
    private static Reading read(CommandRegistration r, List<String> args, int end) {
        List<CommandOption> named = new ArrayList<>();
        List<String> bare = new ArrayList<>();
        boolean endsAtValue = false;
        for (int i = 0; i < end; i++) {
            String w = args.get(i);
            if (w.equals("--")) {
                bare.addAll(args.subList(i + 1, end));
                break;
            }
            CommandOption o = w.startsWith("-") ? option(r, w) : null;
            if (o != null) {
                named.add(o);
                if (isBoolean(o)) {
                    if (i + 1 < end && BOOLEAN_VALUES.contains(args.get(i + 1).toLowerCase())) {
                        i++;
                    }
                } else if (takesValue(r, w)) {
                    endsAtValue = i + 1 >= end;
                    i++;
                }
            } else if (!w.startsWith("-") || w.equals("-")) {
                bare.add(w);
            }
        }
        return new Reading(named, bare, endsAtValue);
    }

    /** How many words a positional argument takes by position. */
    private static int room(CommandOption o) {
        return o.getArityMax() <= 0 ? 1 : o.getArityMax();
    }

    private static boolean isBooleanFlag(CommandRegistration r, String word) {
        CommandOption o = option(r, word);
        return o != null && isBoolean(o);
    }

    private static boolean isBoolean(CommandOption o) {
        Class<?> type = o.getType() == null ? null : o.getType().resolve();
        return type == boolean.class || type == Boolean.class;
    }

    /** Whether {@code word} names an option of {@code r} that takes a value (not a boolean flag). */
    static boolean takesValue(CommandRegistration r, String word) {
        CommandOption o = option(r, word);
        return o != null && !isBooleanFlag(r, word) && o.getArityMax() != 0;
    }

    private static CommandOption option(CommandRegistration r, String word) {
        if (word.startsWith("--") && word.length() > 2 && !word.contains("=")) {
            String name = word.substring(2);
            for (CommandOption o : r.getOptions()) {
                for (String n : o.getLongNames()) {
                    if (n.equals(name)) {
                        return o;
                    }
                }
            }
        } else if (word.length() == 2 && word.charAt(0) == '-' && word.charAt(1) != '-') {
            for (CommandOption o : r.getOptions()) {
                for (Character c : o.getShortNames()) {
                    if (c == word.charAt(1)) {
                        return o;
                    }
                }
            }
        }
        return null;
    }
}
