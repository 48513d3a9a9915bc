package dev.rollbackshell.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The runbook as data (docs/plan.md, "The plan"): what to protect, how to check the system, the phases
 * and scenarios with their restore steps, the last resort, the validation steps. The
 * built-in plan is the emergency rollback runbook itself ({@code runbook.yml} beside this
 * class); a project may carry its own {@code rollback-plan.yml}, which with
 * {@code extends: runbook} takes every key it leaves out from the built-in plan.
 * Absent sections are "not configured": the checks they would run are reported as such.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Plan(String name, String description, @JsonProperty("extends") String extends_, String python, Map<String, String> env,
        List<String> protectedFolders, TestSuite tests, List<Check> imports, List<Check> functionality,
        List<ComponentCheck> components, List<String> componentStatus, List<DataCheck> data,
        PerformanceCheck performance, String logFile, String processPattern, List<String> cleanPatterns,
        String safetyBranch, List<Phase> phases, NuclearOption nuclear, List<ValidationStep> validation,
        Integer journalKeep) {

    public static final List<String> DEFAULT_FOLDERS = List.of("src", "tests", "data");
    public static final List<String> DEFAULT_CLEAN = List.of("**/*.pyc", "**/__pycache__");
    /** Journal entries {@code undo --list} shows and {@code journal prune} keeps when the plan says nothing. */
    public static final int DEFAULT_JOURNAL_KEEP = 50;

    public Plan {
        if (protectedFolders != null) {
            List<String> clean = new ArrayList<>();
            for (String f : protectedFolders) {
                String p = PlanException.relativePath(f, "protected folder");
                PlanException.require(!p.contains("/") && !p.equals("."), "protected folder '" + f
                        + "' must be a folder at the top of the project, like src");
                PlanException.require(!p.equals(".rollback") && !p.equals("redundancy_reduction_backups") && !p.equals(".git"),
                        "protected folder '" + f + "' is the tool's own or git's; protect src, tests, data...");
                clean.add(p);
            }
            protectedFolders = List.copyOf(clean);
        }
        if (logFile != null) {
            logFile = PlanException.relativePath(logFile, "logFile");
        }
        if (componentStatus != null) {
            componentStatus = componentStatus.stream().map(p -> PlanException.relativePath(p, "componentStatus path")).toList();
        }
        env = env == null ? null : Map.copyOf(env);
        PlanException.require(journalKeep == null || journalKeep >= 1,
                "journalKeep must be 1 or more (journal entries 'undo --list' shows and 'journal prune' keeps)");
    }

    /** Keys this plan leaves out, taken from {@code base}; {@code env} maps are merged (this plan wins). */
    public Plan over(Plan base) {
        Map<String, String> mergedEnv = null;
        if (env != null || base.env != null) {
            mergedEnv = new LinkedHashMap<>();
            if (base.env != null) {
                mergedEnv.putAll(base.env);
            }
            if (env != null) {
                mergedEnv.putAll(env);
            }
        }
        return new Plan(or(name, base.name), or(description, base.description), extends_, or(python, base.python),
                mergedEnv, or(protectedFolders, base.protectedFolders), or(tests, base.tests), or(imports, base.imports),
                or(functionality, base.functionality), or(components, base.components),
                or(componentStatus, base.componentStatus), or(data, base.data), or(performance, base.performance),
                or(logFile, base.logFile), or(processPattern, base.processPattern), or(cleanPatterns, base.cleanPatterns),
                or(safetyBranch, base.safetyBranch), or(phases, base.phases), or(nuclear, base.nuclear),
                or(validation, base.validation), or(journalKeep, base.journalKeep));
    }

    private static <T> T or(T mine, T theirs) {
        return mine != null ? mine : theirs;
    }

    /** Problems that involve more than one value (duplicate ids); empty when none. */
    public List<String> crossCheck() {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Scenario s : scenarios()) {
            if (!seen.add(s.id())) {
                problems.add("scenario id " + s.id() + " appears twice");
            }
        }
        Set<String> checks = new HashSet<>();
        for (Check c : concat(importsOrEmpty(), functionalityOrEmpty())) {
            if (c.id() == null) {
                problems.add("every import and functionality check needs an id");
            } else if (!checks.add(c.id())) {
                problems.add("check id " + c.id() + " appears twice");
            }
        }
        Set<String> comps = new HashSet<>();
        for (ComponentCheck c : componentsOrEmpty()) {
            if (!comps.add(c.id())) {
                problems.add("component id " + c.id() + " appears twice");
            }
        }
        Set<String> datas = new HashSet<>();
        for (DataCheck d : dataOrEmpty()) {
            if (!datas.add(d.id())) {
                problems.add("data check id " + d.id() + " appears twice");
            }
        }
        return problems;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @JsonIgnore
    public String pythonExe() {
        return python == null ? "python3" : python;
    }

    @JsonIgnore
    public Map<String, String> envOrEmpty() {
        return env == null ? Map.of() : env;
    }

    @JsonIgnore
    public List<String> foldersOrDefault() {
        return protectedFolders == null ? DEFAULT_FOLDERS : protectedFolders;
    }

    /** Journal entries {@code undo --list} shows and {@code journal prune} keeps (default 50). */
    @JsonIgnore
    public int journalKeepOrDefault() {
        return journalKeep == null ? DEFAULT_JOURNAL_KEEP : journalKeep;
    }

    /** Command lines of the processes a restore warns about, as a regular expression (runbook: python.*athena). */
    @JsonIgnore
    public String processPatternOrDefault() {
        return processPattern == null ? "python.*athena" : processPattern;
    }

    @JsonIgnore
    public List<String> cleanOrDefault() {
        return cleanPatterns == null ? DEFAULT_CLEAN : cleanPatterns;
    }

    @JsonIgnore
    public List<Check> importsOrEmpty() {
        return imports == null ? List.of() : imports;
    }

    @JsonIgnore
    public List<Check> functionalityOrEmpty() {
        return functionality == null ? List.of() : functionality;
    }

    @JsonIgnore
    public List<ComponentCheck> componentsOrEmpty() {
        return components == null ? List.of() : components;
    }

    @JsonIgnore
    public List<DataCheck> dataOrEmpty() {
        return data == null ? List.of() : data;
    }

    @JsonIgnore
    public List<Phase> phasesOrEmpty() {
        return phases == null ? List.of() : phases;
    }

    /** Every scenario of every phase, in plan order. */
    @JsonIgnore
    public List<Scenario> scenarios() {
        return phasesOrEmpty().stream().flatMap(p -> p.scenarios().stream()).toList();
    }

    /** Scenario ids in plan order, then {@code nuclear}: what {@code restore scenario ID} accepts (tab completion). */
    @JsonIgnore
    public List<String> scenarioIds() {
        List<String> ids = new ArrayList<>(scenarios().stream().map(Scenario::id).toList());
        ids.add("nuclear");
        return ids;
    }

    /** The phase a scenario belongs to. */
    public Optional<Phase> phaseOf(String scenarioId) {
        return phasesOrEmpty().stream()
                .filter(p -> p.scenarios().stream().anyMatch(s -> s.id().equalsIgnoreCase(scenarioId)))
                .findFirst();
    }

    /** A scenario by id, case-insensitive ({@code 1a} finds {@code 1A}). */
    public Optional<Scenario> scenario(String id) {
        return scenarios().stream().filter(s -> s.id().equalsIgnoreCase(id)).findFirst();
    }

    @JsonIgnore
    public List<ValidationStep> validationOrDefault() {
        if (validation != null && !validation.isEmpty()) {
            return validation;
        }
        return List.of(new ValidationStep("imports", "Import Test", "All core modules import successfully"),
                new ValidationStep("functionality", "Functionality Test", "Core workflows complete without errors"),
                new ValidationStep("data-integrity", "Data Integrity", "Historical data accessible and correct"),
                new ValidationStep("performance", "Performance Test", "System performance within normal parameters"),
                new ValidationStep("tests", "Full Test Suite", "All automated tests pass"));
    }

    /** The git ref of phase N's safety branch (runbook: {@code redundancy_reduction_phase_N_backup}). */
    public String safetyBranchFor(Integer phase) {
        String pattern = safetyBranch == null ? "redundancy_reduction_phase_{phase}_backup" : safetyBranch;
        return pattern.replace("{phase}", String.valueOf(phase == null ? 1 : phase));
    }
}
