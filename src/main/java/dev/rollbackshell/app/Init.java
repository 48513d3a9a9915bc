package dev.rollbackshell.app;

import dev.rollbackshell.check.ImportTrial;
import dev.rollbackshell.git.GitExclude;
import dev.rollbackshell.plan.PlanInit;

/**
 * {@code init}: a commented {@code rollback-plan.yml} written from what the project looks like
 * (under the project lock, recorded), and the tool's folders kept out of {@code git status}.
 */
public final class Init {

    /**
     * @param plan     the plan written (or replaced), what was detected, the imports left out
     * @param excluded what was added to the repository's info/exclude, or why it could not be
     */
    public record Written(PlanInit.Result plan, GitExclude.Result excluded) {
    }

    private final Context cx;

    public Init(Context cx) {
        this.cx = cx;
    }

    /** Writes the plan; refuses (exit 2) to replace an existing one unless {@code force}. */
    public Written run(boolean force) {
        try (var lock = cx.lock("init")) {
            PlanInit.Result r = PlanInit.write(cx.project(), force, ImportTrial::failing);
            cx.session().record("init", (r.replaced() ? "replaced " : "wrote ") + "rollback-plan.yml ("
                    + r.detection().kind() + " project)", 0);
            return new Written(r, GitExclude.toolFolders(cx.project()));
        }
    }
}
