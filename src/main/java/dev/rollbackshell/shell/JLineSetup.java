package dev.rollbackshell.shell;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.jline.utils.InfoCmp;

/**
 * JLine settings made before Spring Shell builds its terminal. Without a terminal, JLine
 * need not start processes to learn what it would print to: its exec provider (to ask
 * whether the streams are a terminal) and {@code infocmp} (the capabilities of TERM, which
 * JLine also bundles for the common types) each cost a process at every start.
 */
public final class JLineSetup {

    /** JLine's logger, held: java.util.logging forgets the level of a logger nobody holds. */
    private static final Logger LOG = Logger.getLogger("org.jline");

    private JLineSetup() {
    }

    /**
     * Before a terminal is built (by Spring Shell or {@link DirectStart}): without a console,
     * {@link #noTerminal}; JLine's own log lines only with {@code --debug}.
     */
    public static void beforeTerminal(boolean debug) {
        if (System.console() == null) {
            noTerminal();
        }
        LOG.setLevel(debug ? Level.INFO : Level.OFF);
    }

    public static void noTerminal() {
        // no terminal: JLine would warn that it falls back to a dumb one; that is expected here
        System.setProperty("org.jline.terminal.dumb", "true");
        System.setProperty("org.jline.terminal.exec", "false");
        String type = System.getProperty("org.jline.terminal.type", System.getenv("TERM"));
        String bundled = type == null ? null : InfoCmp.getDefaultInfoCmp(type);
        if (bundled != null) {
            InfoCmp.setLoadedInfoCmp(type, bundled);
        }
    }
}
