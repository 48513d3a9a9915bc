package dev.rollbackshell.shell;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.git.GitRepo;
import dev.rollbackshell.history.FileHistory;
import dev.rollbackshell.restore.Restorer;
import dev.rollbackshell.restore.Source;
import dev.rollbackshell.restore.SourcePaths;
import dev.rollbackshell.restore.SourceRef;
import dev.rollbackshell.shell.render.BackupRender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.command.CommandCatalog;
import org.springframework.shell.command.CommandOption;
import org.springframework.shell.command.CommandRegistration;
import org.springframework.shell.completion.CompletionResolver;
import org.springframework.stereotype.Component;

/**
 * Tab completion for arguments, in the REPL: backup ids (with phase and age) after
 * {@code backup select|show|verify} and {@code --from}; branches and tags after
 * {@code --git}; paths inside the source (the selected backup, {@code --from} or
 * {@code --git}) after {@code restore file} and {@code diff}, so files deleted from the
 * project are still offered; scenario ids and suggestion numbers after
 * {@code restore scenario|suggestion}; script files after {@code script run}; the paths
 * of all backups after {@code backup log}; command words after {@code help}; after {@code restore file PATH --from}, only the
 * backups that hold PATH. Where a positional argument ({@code ID}, {@code PATH...}, see
 * {@link CommandWords#positional}) has values, only those are offered; option names come
 * when the word starts with {@code -} or there is nothing else to offer. This resolver
 * replaces Spring Shell's own, which offered option names everywhere
 * ({@link CommandLineShell.Installer} removes it).
 */
@Component
public class Completions implements CompletionResolver {

    private static final Set<String> BACKUP_ID_COMMANDS = Set.of("backup select", "backup show", "backup verify");
    private static final Set<String> BACKUP_PATH_COMMANDS = Set.of("restore file", "diff");

    private final Workspace ws;
    private final ObjectProvider<CommandCatalog> catalog;

    public Completions(Workspace ws, ObjectProvider<CommandCatalog> catalog) { // lazy: the catalog is built later
        this.ws = ws;
        this.catalog = catalog;
    }

    @Override
    public List<CompletionProposal> apply(CompletionContext context) {
        CommandRegistration registration = context.getCommandRegistration();
        if (registration == null) {
            return List.of();
        }
        // Spring Shell's Shell.complete gives the words after the command
        List<String> words = context.getWords();
        int index = context.getWordIndex();
        String previous = index > 0 && index <= words.size() ? words.get(index - 1) : null;
        String current = context.currentWordUpToCursor() == null ? "" : context.currentWordUpToCursor();
        if (current.startsWith("-")) {
            return optionNames(registration, words, index);
        }
        boolean optionValue = previous != null && previous.startsWith("--") && CommandWords.takesValue(registration, previous);
        if (optionValue) {
            return optionValue(registration.getCommand(), previous, words, index);
        }
        List<CompletionProposal> values = CommandWords.positionalAt(registration, words, index) == null
                ? List.of() : positionalValues(registration.getCommand(), words, index, current);
        // a positional argument with values to offer: those alone, as git's completion does ('-' then Tab for options)
        return values.isEmpty() ? optionNames(registration, words, index) : values;
    }

    /** After an option that takes a value: backup ids after --from, refs after --git, nothing else. */
    private List<CompletionProposal> optionValue(String command, String option, List<String> words, int index) {
        try {
            if ("--from".equals(option) && "restore file".equals(command) && !pathWords(words, index).isEmpty()) {
                return backupIdsHolding(pathWords(words, index));
            }
            if ("--from".equals(option) || ("--id".equals(option) && BACKUP_ID_COMMANDS.contains(command))) {
                return backupIds();
            }
            if ("--git".equals(option)) {
                return gitRefs();
            }
        } catch (RuntimeException e) {
            // completion must never break the line being typed
        }
        return List.of();
    }

    /** The values of the positional argument the word being typed fills. */
    private List<CompletionProposal> positionalValues(String command, List<String> words, int index, String current) {
        try {
            if (BACKUP_ID_COMMANDS.contains(command)) {
                return backupIds();
            }
            if ("help".equals(command)) {
                return commandWords(words.subList(0, Math.min(index, words.size())));
            }
            if ("backup log".equals(command)) {
                return pathsOfAllBackups(current);
            }
            if (BACKUP_PATH_COMMANDS.contains(command)) {
                return sourcePaths(words, current);
            }
            if ("restore scenario".equals(command)) {
                return scenarioIds();
            }
            if ("restore suggestion".equals(command)) {
                return suggestionRanks();
            }
            if ("script run".equals(command)) {
                return localFiles(current);
            }
        } catch (RuntimeException | IOException e) {
            // completion must never break the line being typed
        }
        return List.of();
    }

    /** After {@code help} and the words typed so far: the next word of the commands they start. */
    private List<CompletionProposal> commandWords(List<String> typed) {
        Set<String> next = new TreeSet<>();
        for (var r : catalog.getObject().getRegistrations().entrySet()) {
            List<String> name = List.of(r.getKey().split(" "));
            if (!r.getValue().isHidden() && name.size() > typed.size() && name.subList(0, typed.size()).equals(typed)) {
                next.add(name.get(typed.size()));
            }
        }
        return next.stream().map(CompletionProposal::new).toList();
    }

    /** The command's option names not on the line yet, by name or by position ({@code --from}, {@code -h}). */
    private static List<CompletionProposal> optionNames(CommandRegistration registration, List<String> words, int index) {
        List<CompletionProposal> out = new ArrayList<>();
        List<CommandOption> given = CommandWords.positionalGiven(registration, words, index);
        for (CommandOption o : registration.getOptions()) {
            if (given.contains(o)) {
                continue;
            }
            for (String name : o.getLongNames()) {
                if (!words.contains("--" + name)) {
                    out.add(new CompletionProposal("--" + name).description(o.getDescription()));
                }
            }
            for (Character c : o.getShortNames()) {
                if (!words.contains("-" + c)) {
                    out.add(new CompletionProposal("-" + c).description(o.getDescription()));
                }
            }
        }
        return out;
    }

    private List<CompletionProposal> backupIds() {
        List<CompletionProposal> out = new ArrayList<>();
        String selected = ws.session().load().selectedBackup();
        for (Backup b : ws.backups().list()) {
            String label = BackupRender.choiceLabel(b) + (b.id().equals(selected) ? ", selected" : "");
            out.add(new CompletionProposal(b.id()).description(label));
        }
        out.add(new CompletionProposal(BackupStore.LATEST).description("the newest complete backup"));
        return out;
    }

    /** After {@code restore file PATH --from}: only the backups that hold every path given. */
    private List<CompletionProposal> backupIdsHolding(List<String> paths) {
        Set<String> holding = null;
        for (String p : paths) {
            Set<String> ids = new java.util.HashSet<>();
            FileHistory.backupsHolding(ws.backups(), p.endsWith("/") ? p.substring(0, p.length() - 1) : p)
                    .forEach(b -> ids.add(b.id()));
            if (holding == null) {
                holding = ids;
            } else {
                holding.retainAll(ids);
            }
        }
        Set<String> keep = holding;
        return backupIds().stream().filter(c -> keep.contains(c.value())).toList();
    }

    /** The words of the line that are paths: not the command, not options, not the value of --from or --git. */
    private static List<String> pathWords(List<String> words, int index) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(index, words.size()); i++) {
            String w = words.get(i);
            String before = i > 0 ? words.get(i - 1) : "";
            if (w.isEmpty() || w.startsWith("-") || "--from".equals(before) || "--git".equals(before)) {
                continue;
            }
            out.add(w);
        }
        return out;
    }

    /** {@code backup log}: the paths every backup holds, one folder level at a time. */
    private List<CompletionProposal> pathsOfAllBackups(String current) {
        Set<String> seen = new TreeSet<>();
        List<CompletionProposal> out = new ArrayList<>();
        for (String p : FileHistory.backupPaths(ws.backups())) {
            if (!p.startsWith(current)) {
                continue;
            }
            int slash = p.indexOf('/', current.length());
            String offer = slash < 0 ? p : p.substring(0, slash + 1);
            if (seen.add(offer)) {
                out.add(new CompletionProposal(offer).complete(slash < 0));
            }
        }
        return out;
    }

    private List<CompletionProposal> sourcePaths(List<String> words, String current) {
        SourceRef ref = SourceRef.of(valueOf(words, "--from"), valueOf(words, "--git"), ws.session().load().selectedBackup());
        List<CompletionProposal> out = new ArrayList<>();
        try (Source s = new Restorer(ws.project(), ws.backups(), m -> { }).open(ref)) {
            for (SourcePaths.Choice c : SourcePaths.under(ws.project(), s, current)) {
                CompletionProposal p = new CompletionProposal(c.folder() ? c.path() + "/" : c.path()).complete(!c.folder());
                if (!c.inProject()) {
                    p.description("deleted from the project");
                }
                out.add(p);
            }
        }
        return out;
    }

    private List<CompletionProposal> gitRefs() {
        // branches and tags of the project's repository (HEAD first), none without one
        List<String> refs = GitRepo.find(ws.project()).map(r -> {
            try (r) {
                return r.refNames();
            }
        }).orElse(List.of());
        return refs.stream().map(CompletionProposal::new).toList();
    }

    private List<CompletionProposal> scenarioIds() {
        return ws.plan().plan().scenarioIds().stream().map(CompletionProposal::new).toList();
    }

    private List<CompletionProposal> suggestionRanks() {
        return ws.session().load().requireSuggestions().suggestions().stream()
                .map(s -> new CompletionProposal(String.valueOf(s.rank())).description(s.kind() + " from " + s.from()))
                .toList();
    }

    private static List<CompletionProposal> localFiles(String current) throws IOException {
        int slash = current.lastIndexOf('/');
        Path dir = slash < 0 ? Path.of(".") : Path.of(current.substring(0, slash + 1));
        String prefix = slash < 0 ? "" : current.substring(0, slash + 1);
        List<CompletionProposal> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> kids = Files.list(dir)) {
            for (Path kid : (Iterable<Path>) kids.sorted()::iterator) {
                boolean folder = Files.isDirectory(kid);
                String name = prefix + kid.getFileName() + (folder ? "/" : "");
                out.add(new CompletionProposal(name).complete(!folder));
            }
        }
        return out;
    }

    private static String valueOf(List<String> words, String option) {
        int i = words.indexOf(option);
        return i >= 0 && i + 1 < words.size() && !words.get(i + 1).isEmpty() ? words.get(i + 1) : null;
    }
}
