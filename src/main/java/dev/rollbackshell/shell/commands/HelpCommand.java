package dev.rollbackshell.shell.commands;

import dev.rollbackshell.project.RollbackException;
import dev.rollbackshell.shell.CommandLineShell;
import dev.rollbackshell.shell.CommandWords;
import dev.rollbackshell.shell.Reply;
import dev.rollbackshell.shell.render.HelpRender;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.command.CommandCatalog;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.CommandRegistration.OptionArity;
import org.springframework.shell.standard.commands.Help;

/**
 * {@code help [COMMAND]}: in place of Spring Shell's (which backs off for a
 * {@link Help.Command}), so that the commands come in a fixed order and positional
 * arguments show as {@code PATH...}, not {@code --paths String[]}; see {@link HelpRender}.
 */
@Command(group = "Built-In Commands")
public class HelpCommand implements Help.Command {

    private final ObjectProvider<CommandCatalog> catalog;

    public HelpCommand(ObjectProvider<CommandCatalog> catalog) { // lazy: the catalog holds this command
        this.catalog = catalog;
    }

    @Command(command = "help", description = "List the commands; 'help COMMAND' shows one command's arguments and options")
    public Reply help(@Option(longNames = "command", label = "[COMMAND]", arity = OptionArity.ZERO_OR_MORE,
            description = "the command to explain, e.g. restore file") String[] command) {
        CommandCatalog commands = catalog.getObject();
        var registrations = commands.getRegistrations();
        if (command == null || command.length == 0) {
            return Reply.ok(HelpRender.commands(registrations));
        }
        List<String> words = List.of(command);
        String unknown = CommandLineShell.unknownCommand(commands, words);
        String name = CommandWords.find(registrations, words);
        if (unknown != null || name == null || !name.equals(String.join(" ", words))) {
            throw RollbackException.badInput(unknown != null ? unknown
                    : "unknown command '" + String.join(" ", words) + "' ('help' lists the commands)");
        }
        return Reply.ok(HelpRender.command(name, CommandWords.registration(registrations, name)));
    }
}
