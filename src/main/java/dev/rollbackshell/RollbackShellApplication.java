package dev.rollbackshell;

import dev.rollbackshell.shell.DirectStart;
import dev.rollbackshell.shell.GlobalOptions;
import dev.rollbackshell.shell.JLineSetup;
import dev.rollbackshell.shell.Outcome;
import java.util.HashMap;
import java.util.Map;
import org.springframework.aot.AotDetector;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.shell.command.annotation.CommandScan;

/**
 * {@code rollback-shell [-C DIR] [--debug] [COMMAND [ARGS...]]}. Global options are read
 * here, before Spring starts, and checked once; the command words go to the shell layer
 * untouched (never to Spring as property arguments).
 */
@SpringBootApplication
@CommandScan
public class RollbackShellApplication {

    /** Set to 1 by scripts/rollback-shell for the training run of its second cache: every line of the direct start runs. */
    static final String TRAINING = "ROLLBACK_SHELL_TRAINING";

    public static void main(String[] args) {
        GlobalOptions options;
        try {
            options = GlobalOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("rollback-shell: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(GlobalOptions.USAGE);
            System.exit(0);
            return;
        }
        if (DirectStart.serves(options)) {
            // a read-only look (status, backup list, plan show, plan scenarios): no context to build
            // (docs/architecture.md, "Start-up")
            int status = DirectStart.run(options);
            if ("1".equals(System.getenv(TRAINING))) {
                DirectStart.train(options);
            }
            System.exit(status);
            return;
        }
        useAheadOfTimeContext();
        System.exit(run(options));
    }

    /**
     * Starts from the application context the build generated ahead of time ({@code
     * process-aot}), when the jar holds it: the bean definitions as code, with no
     * configuration classes parsed and no conditions evaluated at start-up
     * (docs/architecture.md, "Start-up"). {@code -Dspring.aot.enabled=false} starts the
     * reflective way, as the in-process tests always do. Not during the build's own
     * processing, which runs this {@code main} to learn the context.
     */
    static void useAheadOfTimeContext() {
        if (System.getProperty(AotDetector.AOT_ENABLED) == null && System.getProperty("spring.aot.processing") == null
                && RollbackShellApplication.class.getResource(
                        RollbackShellApplication.class.getSimpleName() + "__ApplicationContextInitializer.class") != null) {
            System.setProperty(AotDetector.AOT_ENABLED, "true");
        }
    }

    /** Runs the application and returns its exit status. */
    public static int run(GlobalOptions options) {
        boolean terminal = System.console() != null;
        JLineSetup.beforeTerminal(options.debug());

        SpringApplication app = new SpringApplication(RollbackShellApplication.class);
        app.setBannerMode(Banner.Mode.OFF);
        app.setLogStartupInfo(false);
        Map<String, Object> props = new HashMap<>();
        props.put("spring.shell.interactive.enabled", "true");
        if (options.command().isEmpty() && terminal) {
            // history per project, for the REPL only: a one-shot command leaves no trace
            props.put("spring.shell.history.name", options.project().resolve(".rollback/history").toString());
        } else {
            props.put("spring.shell.history.enabled", "false");
        }
        props.put("logging.level.root", options.debug() ? "WARN" : "OFF");
        app.setDefaultProperties(props);
        app.addInitializers(ctx -> ctx.getBeanFactory().registerSingleton("globalOptions", options));
        try (ConfigurableApplicationContext ctx = app.run()) {
            return ctx.getBean(Outcome.class).finalStatus();
        } catch (SpringApplication.AbandonedRunException e) {
            throw e; // the build's ahead-of-time processing ends the run here, having learnt the context
        } catch (RuntimeException e) {
            System.err.println("rollback-shell: could not start: " + e.getMessage());
            if (options.debug()) {
                e.printStackTrace();
            }
            return 1;
        }
    }
}
