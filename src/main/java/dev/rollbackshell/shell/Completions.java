package dev.rollbackshell.shell;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.diagnose.Suggestions;
import dev.rollbackshell.history.FileHistory;
import dev.rollbackshell.restore.Restorer;
import dev.rollbackshell.restore.SourceRef;
import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.shell.render.BackupRender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.completion.CompletionResolver;
import org.springframework.stereotype.Component;

/**
 * Tab completion for arguments, in the REPL: backup ids (with phase and age) after
 * {@code backup select|show|verify} and {@code --from}; branches and tags after
 * {@code --git}; paths inside the source (the selected backup, {@code --from} or
 * {@code --git}) after {@code restore file} and {@code diff}, so files deleted from the
 * project are still offered; scenario ids and suggestion numbers after
 * {@code restore scenario|suggestion}; script files after {@code script run}; the paths
 * of all backups after {@code backup log}; after {@code restore file PATH --from}, only the
 * backups that hold PATH.
 */
@Component
public class Completions implements CompletionResolver {

    private static final Set<String> BACKUP_ID_COMMANDS = Set.of("backup select", "backup show", "backup verify");
    private static final Set<String> BACKUP_PATH_COMMANDS = Set.of("restore file", "diff");

    private final Workspace ws;

    public Completions(Workspace ws) {
        this.ws = ws;
    }

    @Override
    public List<CompletionProposal> apply(CompletionContext context) {
        if (context.getCommandRegistration() == null) {
            return List.of();
        }
        String command = context.getCommandRegistration().getCommand();
        List<String> words = context.getWords();
        int index = context.getWordIndex();
        String previous = index > 0 && index <= words.size() ? words.get(index - 1) : null;
        String current = context.currentWordUpToCursor() == null ? "" : context.currentWordUpToCursor();
        if (current.startsWith("-")) {
            return List.of(); // option names come from Spring Shell's own resolver
        }
        try {
            if ("--from".equals(previous) && "restore file".equals(command) && !pathWords(words, index).isEmpty()) {
                return backupIdsHolding(pathWords(words, index));
            }
            if ("--from".equals(previous) || ("--id".equals(previous) && BACKUP_ID_COMMANDS.contains(command))) {
                return backupIds();
            }
            if ("--git".equals(previous)) {
                return gitRefs();
            }
            if (previous != null && previous.startsWith("--")) {
                return List.of(); // the value of some other option
            }
            if (BACKUP_ID_COMMANDS.contains(command)) {
                return backupIds();
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
        for (int i = 2; i < Math.min(index, words.size()); i++) {
            String w = words.get(i);
            String before = words.get(i - 1);
            if (w.isEmpty() || w.startsWith("-") || "--from".equals(before) || "--git".equals(before)) {
                continue;
            }
            out.add(w);
        }
        return out;
    }

    /** {@code backup log}: the paths every backup holds, one folder level at a time. */
    private List<CompletionProposal> pathsOfAllBackups(String current) {
        Set<String> seen = new java.util.TreeSet<>();
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
        for (Restorer.PathChoice c : new Restorer(ws.project(), ws.backups(), m -> { }).complete(ref, current)) {
            CompletionProposal p = new CompletionProposal(c.folder() ? c.path() + "/" : c.path()).complete(!c.folder());
            if (!c.inProject()) {
                p.description("deleted from the project");
            }
            out.add(p);
        }
        return out;
    }

    private List<CompletionProposal> gitRefs() {
        return new Restorer(ws.project(), ws.backups(), m -> { }).gitRefs().stream()
                .map(r -> new CompletionProposal(r)).toList();
    }

    private List<CompletionProposal> scenarioIds() {
        return ws.plan().plan().scenarioIds().stream().map(CompletionProposal::new).toList();
    }

    private List<CompletionProposal> suggestionRanks() {
        return Suggestions.fromSession(ws.session().load()).suggestions().stream()
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
