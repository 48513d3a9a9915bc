package dev.rollbackshell.shell.render;

import dev.rollbackshell.plan.ActivePlan;
import dev.rollbackshell.plan.Check;
import dev.rollbackshell.plan.ComponentCheck;
import dev.rollbackshell.plan.DataCheck;
import dev.rollbackshell.plan.Phase;
import dev.rollbackshell.plan.PlanInit;
import dev.rollbackshell.plan.Plan;
import dev.rollbackshell.plan.RestoreStep;
import dev.rollbackshell.plan.Scenario;
import dev.rollbackshell.plan.Signal;
import dev.rollbackshell.plan.ValidationStep;
import dev.rollbackshell.shell.Console;
import java.util.ArrayList;
import java.util.List;

/** {@code plan show}, {@code plan scenarios} and what {@code init} wrote, as text. */
public final class PlanRenderer {

    private PlanRenderer() {
    }

    /** {@code init}: what was written and detected; {@code gitLine}: what info/exclude got, or null. */
    public static String initialised(PlanInit.Result r, String gitLine) {
        var d = r.detection();
        StringBuilder b = new StringBuilder((r.replaced() ? "replaced " : "wrote ") + r.file() + "\n");
        d.notes().forEach(n -> b.append("  - ").append(n).append('\n'));
        b.append("  protected folders: ").append(String.join(", ", d.folders())).append('\n');
        r.leftOut().forEach((m, why) -> b.append("  - import check: ").append(m)
                .append(" left out, it fails to import here today (").append(why).append(")\n"));
        if (gitLine != null) {
            b.append("  - ").append(gitLine).append('\n');
        }
        b.append("Next: review it, then 'plan show' and 'backup create'");
        return b.toString();
    }

    public static String show(ActivePlan a, Console c) {
        Plan p = a.plan();
        StringBuilder b = new StringBuilder();
        b.append(c.bold("Plan: ")).append(a.source()).append('\n');
        row(b, "name", p.name());
        if (p.description() != null) {
            row(b, "description", p.description());
        }
        row(b, "protected folders", String.join(", ", p.foldersOrDefault()));
        if (!p.envOrEmpty().isEmpty()) {
            row(b, "check environment", String.join(" ", p.envOrEmpty().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList()));
        }
        if (p.tests() == null) {
            row(b, "tests", "not configured");
        } else {
            String how = p.tests().command() != null ? String.join(" ", p.tests().command())
                    : p.tests().runner() + " on " + String.join(", ", p.tests().pathsOrDefault());
            row(b, "tests", how + (p.tests().runner().equals("pytest") ? " (unittest when pytest is not installed)" : ""));
        }
        row(b, "import checks", checks(p.imports()));
        row(b, "functionality checks", checks(p.functionality()));
        List<String> comps = new ArrayList<>();
        for (ComponentCheck cc : p.componentsOrEmpty()) {
            comps.add(cc.id() + (cc.className() != null ? " (" + cc.className()
                    + (cc.methods() == null ? "" : ": " + cc.methods().size() + " methods") + ")" : ""));
        }
        row(b, "components", comps.isEmpty() ? "not configured" : String.join(", ", comps));
        if (p.componentStatus() != null) {
            row(b, "component status files", String.join(", ", p.componentStatus()));
        }
        List<String> data = new ArrayList<>();
        for (DataCheck d : p.dataOrEmpty()) {
            data.add(d.id() + ": " + d.glob() + " (" + d.format() + ")");
        }
        row(b, "data checks", data.isEmpty() ? "not configured" : String.join(", ", data));
        if (p.performance() == null) {
            row(b, "performance", "not configured");
        } else {
            var pc = p.performance();
            row(b, "performance", pc.idOrDefault() + ": median of " + pc.runsOrDefault() + " runs, regressed beyond +"
                    + Math.round(pc.threshold()) + "% (a slowdown is measured twice)" + (pc.maxSeconds() == null ? "" : ", limit " + pc.maxSeconds() + "s without a baseline"));
        }
        row(b, "log file", p.logFile() == null ? "not configured" : p.logFile());
        row(b, "process pattern", p.processPattern() == null ? "not configured" : p.processPattern());
        row(b, "clean patterns", String.join(", ", p.cleanOrDefault()));
        row(b, "safety branch", p.safetyBranchFor(null).replace("_1_", "_{phase}_"));
        row(b, "phases", p.phasesOrEmpty().size() + " with " + p.scenarios().size() + " scenarios ('plan scenarios' lists them)");
        row(b, "nuclear option", p.nuclear() == null ? "restore every protected folder exactly from the backup"
                : String.join("; ", p.nuclear().when()));
        List<String> v = p.validationOrDefault().stream().map(ValidationStep::title).toList();
        row(b, "validation steps", String.join(", ", v));
        if (a.builtIn()) {
            b.append("\n'init' writes a rollback-plan.yml for this project; docs/plan.md describes the format.\n");
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String key, String value) {
        b.append("  ").append(Text.pad(key, 24)).append(value == null ? "-" : value).append('\n');
    }

    private static String checks(List<Check> checks) {
        if (checks == null || checks.isEmpty()) {
            return "not configured";
        }
        List<String> out = new ArrayList<>();
        for (Check c : checks) {
            out.add(c.id() + (c.imports() != null ? " (" + c.imports().size() + " imports)" : "")
                    + (c.title() != null ? ": " + c.title() : ""));
        }
        return String.join(", ", out);
    }

    public static String scenarios(Plan p, Console c) {
        StringBuilder b = new StringBuilder();
        if (p.phasesOrEmpty().isEmpty()) {
            b.append("The plan has no phases or scenarios; the nuclear option is all there is.\n");
        }
        for (Phase ph : p.phasesOrEmpty()) {
            b.append(c.bold("Phase " + ph.phase() + (ph.title() == null ? "" : ": " + ph.title()))).append('\n');
            for (Scenario s : ph.scenarios()) {
                b.append("  ").append(c.bold(Text.pad(s.id(), 4))).append(s.title()).append('\n');
                if (s.symptoms() != null) {
                    b.append("      symptoms: ").append(s.symptoms()).append('\n');
                }
                if (!s.signals().isEmpty()) {
                    b.append("      signals:  ").append(String.join("; ", s.signals().stream().map(PlanRenderer::signal).toList())).append('\n');
                }
                if (s.stopsProcesses()) {
                    b.append("      first:    stop the processes ('processes --stop')\n");
                }
                b.append("      restore:  ").append(steps(s.restore())).append('\n');
                if (!s.fallback().isEmpty()) {
                    b.append("      if still failing: ").append(steps(s.fallback())).append('\n');
                }
                if (s.confirm() != null) {
                    b.append("      confirm:  ").append(s.confirm().id()).append('\n');
                }
            }
            b.append('\n');
        }
        b.append(c.bold("Nuclear option")).append(" ('restore scenario nuclear', or suggestion 'backup')\n");
        if (p.nuclear() != null) {
            p.nuclear().when().forEach(w -> b.append("  when: ").append(w).append('\n'));
            b.append("  restore: ").append(steps(p.nuclear().restore())).append(p.nuclear().gitRef() == null ? ""
                    : "; or git " + p.nuclear().gitRef()).append('\n');
        } else {
            b.append("  restore every protected folder exactly from the backup\n");
        }
        return b.toString();
    }

    private static String signal(Signal s) {
        if (s.trigger() != null) {
            return "trigger " + s.trigger();
        } else if (s.error() != null) {
            return "error /" + s.error() + "/";
        } else if (s.test() != null) {
            return "test /" + s.test() + "/";
        } else if (s.component() != null) {
            return "component " + s.component();
        } else if (s.check() != null) {
            return "check " + s.check();
        } else if (s.changed() != null) {
            return "changed " + s.changed();
        } else if (s.deleted() != null) {
            return "deleted " + s.deleted();
        }
        return "implicated " + s.implicated();
    }

    private static String steps(List<RestoreStep> steps) {
        if (steps.isEmpty()) {
            return "(none)";
        }
        List<String> out = new ArrayList<>();
        for (RestoreStep s : steps) {
            out.add((s.fromGit() ? "git " + s.ref() : "backup") + ": " + String.join(", ", s.paths())
                    + (s.isExact() ? " (exact)" : "") + (s.isOptional() ? " (if present)" : ""));
        }
        return String.join("; ", out);
    }
}
