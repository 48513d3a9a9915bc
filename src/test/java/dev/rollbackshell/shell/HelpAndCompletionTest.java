package dev.rollbackshell.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.testing.BackupFixtures;
import dev.rollbackshell.testing.CommandTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.Shell;

/**
 * {@code help} (groups in the runbook's order, commands alphabetical, positional arguments
 * by their label) and tab completion at a positional argument, through the real shell.
 */
class HelpAndCompletionTest extends CommandTestBase {

    static final String ID = "20261201_120000";

    @Autowired
    Shell shell;

    @Test
    void helpListsTheGroupsInWorkflowOrderAndTheCommandsAlphabetically() {
        Result r = run("help");
        assertThat(r.status()).as(r.error()).isZero();
        Map<String, List<String>> groups = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : r.screen().lines().toList()) {
            if (line.isBlank() || line.equals("AVAILABLE COMMANDS")) {
                continue;
            }
            if (!line.startsWith(" ")) {
                current = new ArrayList<>();
                groups.put(line.strip(), current);
            } else if (current != null && line.contains(":")) {
                current.add(line.strip().substring(0, line.strip().indexOf(':')));
            }
        }
        assertThat(groups.keySet()).containsSubsequence("Plan", "Backups", "Diagnosis", "Restore", "Report", "Scripts",
                "Built-In Commands");
        assertThat(groups.get("Backups")).contains("backup create", "backup select", "backup verify");
        assertThat(groups.get("Restore")).contains("restore file", "undo");
        groups.forEach((group, commands) -> assertThat(commands).as(group).isSorted());
        assertThat(groups.get("Built-In Commands")).contains("help");
    }

    @Test
    void helpForOneCommandShowsPositionalArgumentsByTheirLabel() {
        Result file = run("help", "restore", "file");
        assertThat(file.status()).as(file.error()).isZero();
        assertThat(file.screen().lines().map(String::stripTrailing).collect(Collectors.joining("\n"))).contains("restore file PATH... [--from String]").contains("ARGUMENTS")
                .contains("[Mandatory; or --paths PATH...]").contains("--dry-run\n")
                .doesNotContain("String[]").doesNotContain("--paths String").doesNotContain("boolean").doesNotContain("void");
        assertThat(run("help", "backup", "select").screen()).contains("backup select ID").doesNotContain("--id String");
        assertThat(run("help", "backup", "show").screen()).contains("backup show [ID] [--json]");
        assertThat(run("help", "restore", "suggestion").screen()).contains("restore suggestion N ");
        assertThat(run("help", "script", "run").screen()).contains("script run FILE ");
        assertThat(run("help", "help").screen()).contains("help [COMMAND] [--help]").contains("or --command COMMAND]");
        assertThat(run("backup", "select", "--help").screen()).contains("backup select ID [--help]");
        assertThat(run("help", "backup", "push").screen()).contains("backup push [REMOTE] [ID...] [--all]");
        assertThat(run("help", "backup", "create").screen()).contains("--phase int").contains("default = 1")
                .doesNotContain("ARGUMENTS");
    }

    @Test
    void helpForAnUnknownCommandIsRefusedWithASuggestion() {
        Result r = run("help", "restor", "fil");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.error()).contains("unknown command 'restor'").contains("did you mean").contains("'help' lists the commands");
        Result group = run("help", "restore");
        assertThat(group.status()).isEqualTo(2);
        assertThat(group.error()).contains("unknown command 'restore'");
    }

    @Test
    void aPositionalArgumentOffersItsValuesAloneAndOptionsAfterADash() throws Exception {
        BackupFixtures.sampleProject(PROJECT);
        BackupFixtures.tool(PROJECT, ID, "src", "tests");

        // the case of the issue: one backup, and the id is what Tab offers, not --help, -h, --id
        assertThat(complete("backup", "select", "")).containsExactly(ID, "latest");
        assertThat(complete("backup", "select", "--id", "")).containsExactly(ID, "latest");
        assertThat(complete("backup", "select", "-")).contains("--id", "--help", "-h").doesNotContain(ID);
        // the id given: the argument is filled, so the options come
        assertThat(complete("backup", "select", ID, "")).contains("--help").doesNotContain(ID, "latest");
        assertThat(complete("backup", "show", ID, "")).contains("--json").doesNotContain("--id", ID);

        // PATH... takes more than one: still paths after the first, options after a dash
        assertThat(complete("restore", "file", "src/")).contains("src/batch_processor/").doesNotContain("--from", "--help");
        assertThat(complete("restore", "file", "src/ai_analysis/notes_manager.py", "src/"))
                .contains("src/batch_processor/").doesNotContain("--from");
        assertThat(complete("restore", "file", "src/iterative_refinement_system.py", "--"))
                .contains("--from", "--git", "--dry-run").doesNotContain("src/batch_processor/");
        // an option's value: only its values, never option names
        assertThat(complete("restore", "file", "src/iterative_refinement_system.py", "--from", ""))
                .containsExactly(ID); // the backups holding the path
        assertThat(complete("restore", "file", "src/nothing.py", "--from", "")).isEmpty();
        assertThat(complete("restore", "all", "--from", "")).containsExactly(ID, "latest");
        assertThat(complete("restore", "all", "")).contains("--from", "--dry-run"); // no positional argument

        // help's COMMAND: the next word of the command names
        assertThat(complete("help", "")).contains("backup", "restore", "diagnose", "help").doesNotContain("--command", "file");
        assertThat(complete("help", "restore", "")).containsExactly("all", "file", "scenario", "suggestion");

        // a positional argument with nothing to offer (no diagnosis, so no suggestion): the options
        assertThat(complete("restore", "suggestion", "")).contains("--dry-run", "--help");
    }

    /** What Tab offers for the line's words, the last one being typed (as JLine hands them to Spring Shell). */
    List<String> complete(String... words) {
        List<String> line = List.of(words);
        String current = line.get(line.size() - 1);
        CompletionContext ctx = new CompletionContext(line, line.size() - 1, current.length(), null, null);
        return shell.complete(ctx).stream().map(CompletionProposal::value)
                .filter(v -> !v.contains(" ")) // the command names Spring Shell offers for the prefix
                .distinct().toList();
    }
}
