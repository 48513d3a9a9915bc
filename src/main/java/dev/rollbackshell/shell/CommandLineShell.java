package dev.rollbackshell.shell;

import dev.rollbackshell.project.Names;
import dev.rollbackshell.project.RollbackException;
import java.util.List;
import org.jline.terminal.Terminal;
import org.springframework.aot.AotDetector;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.convert.ConversionService;
import org.springframework.shell.Input;
import org.springframework.shell.InputProvider;
import org.springframework.shell.ResultHandlerService;
import org.springframework.shell.Shell;
import org.springframework.shell.command.CommandCatalog;
import org.springframework.shell.command.CommandOption;
import org.springframework.shell.command.CommandRegistration;
import org.springframework.shell.config.ShellConversionServiceSupplier;
import org.springframework.shell.context.ShellContext;
import org.springframework.shell.exit.ExitCodeMappings;
import org.springframework.stereotype.Component;

/**
 * Spring Shell's {@link Shell}, with every command line read the same way wherever it comes
 * from (the REPL, a one-shot command, a script, standard input, the test client): flags
 * anywhere ({@link CommandWords#flagsLast}); an unknown command answered with one line and,
 * when a command is close, "did you mean"; the command's name kept for messages about it
 * (Ctrl-C's "diagnose interrupted; nothing recorded").
 */
public class CommandLineShell extends Shell {

    private final CommandCatalog catalog;
    private final Outcome outcome;
    private final ObjectProvider<Console> console;
    private final ObjectProvider<Workspace> workspace;

    public CommandLineShell(ResultHandlerService resultHandlerService, CommandCatalog catalog, Terminal terminal,
            ShellConversionServiceSupplier conversion, ShellContext shellContext, ExitCodeMappings exitCodeMappings,
            Outcome outcome, ObjectProvider<Console> console, ObjectProvider<Workspace> workspace) {
        super(resultHandlerService, catalog, terminal, shellContext, exitCodeMappings);
        setConversionService((ConversionService) conversion.get());
        this.catalog = catalog;
        this.outcome = outcome;
        this.console = console;
        this.workspace = workspace;
    }

    @Override
    public void run(InputProvider inputProvider) throws Exception {
        super.run(() -> prepare(inputProvider.readInput()));
    }

    private Input prepare(Input input) {
        if (input == null) {
            return null;
        }
        List<String> words = input.words().stream().filter(w -> !w.isEmpty()).toList();
        if (words.isEmpty()) {
            return input;
        }
        String message = unknownCommand(catalog, words);
        if (message != null) {
            console.getObject().error(message);
            outcome.starting(null);
            outcome.record(RollbackException.BAD_INPUT, message);
            return Input.EMPTY;
        }
        String changed = workspace.getObject().session().changedElsewhere();
        if (changed != null) {
            console.getObject().info("session changed by another rollback-shell (" + changed + "); re-read");
        }
        String command = CommandWords.find(catalog.getRegistrations(), words);
        outcome.starting(command);
        CommandRegistration r = CommandWords.registration(catalog.getRegistrations(), command);
        String extra = r == null ? null : CommandWords.unexpected(r, command, words);
        if (extra != null) {
            List<CommandOption> positional = CommandWords.positional(r);
            String takes = positional.isEmpty() ? "takes no words but its options"
                    : "takes " + String.join(" ", positional.stream().map(CommandOption::getLabel).toList());
            String refusal = "unexpected word '" + extra + "': " + command + " " + takes + " (see 'help " + command + "')";
            console.getObject().error(refusal);
            outcome.record(RollbackException.BAD_INPUT, refusal);
            return Input.EMPTY;
        }
        List<String> fixed = r == null ? words : CommandWords.flagsLast(r, command, words);
        return new Input() {
            @Override
            public String rawText() {
                return String.join(" ", fixed);
            }

            @Override
            public List<String> words() {
                return fixed;
            }
        };
    }

    /** "unknown command 'x'; did you mean y? ('help' lists the commands)", or null when the words name a command. */
    public static String unknownCommand(CommandCatalog catalog, List<String> words) {
        if (CommandWords.find(catalog.getRegistrations(), words) != null) {
            return null;
        }
        var names = catalog.getRegistrations().keySet();
        boolean group = names.stream().anyMatch(c -> c.startsWith(words.get(0) + " "));
        String typed = group && words.size() > 1 ? words.get(0) + " " + words.get(1) : words.get(0);
        String hint = Names.didYouMean(typed, names);
        if (hint.isEmpty() && !group) {
            hint = Names.didYouMean(typed, names.stream().map(c -> c.split(" ")[0]).distinct().toList());
        }
        return "unknown command '" + typed + "'" + hint + " ('help' lists the commands)";
    }

    /**
     * Puts this shell in place of the one Spring Shell's auto-configuration defines, and
     * removes its {@code defaultCompletionResolver} (every option name at every word, even
     * where an id or a path goes): {@link Completions} offers option names where they fit.
     * The context generated ahead of time already holds the result (its {@code shell}
     * definition wires the setters {@code @Autowired} in {@link Shell}: argument, exception
     * and completion resolvers), so there it does nothing.
     */
    @Component
    static class Installer implements BeanDefinitionRegistryPostProcessor {
        @Override
        public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
            if (AotDetector.useGeneratedArtifacts()) {
                return;
            }
            if (registry.containsBeanDefinition("defaultCompletionResolver")) {
                registry.removeBeanDefinition("defaultCompletionResolver");
            }
            if (registry.containsBeanDefinition("shell")) {
                registry.removeBeanDefinition("shell");
            }
            RootBeanDefinition def = new RootBeanDefinition(CommandLineShell.class);
            def.setAutowireMode(RootBeanDefinition.AUTOWIRE_CONSTRUCTOR);
            registry.registerBeanDefinition("shell", def);
        }

        @Override
        public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
        }
    }
}
