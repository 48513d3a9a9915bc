package dev.rollbackshell.plan;

import java.util.List;

/** The runbook's five rollback triggers (docs/plan.md, "diagnose"), by their stable ids. */
public final class TriggerIds {

    /** Critical tests fail that were passing before. */
    public static final String TESTS_REGRESSED = "tests-regressed";
    /** System cannot start or import errors prevent basic functionality. */
    public static final String STARTUP_FAILED = "startup-failed";
    /** Data corruption or loss detected. */
    public static final String DATA_DAMAGED = "data-damaged";
    /** Performance degradation > 50%. */
    public static final String PERFORMANCE_REGRESSED = "performance-regressed";
    /** Any component completely non-functional. */
    public static final String COMPONENT_BROKEN = "component-broken";

    public static final List<String> ALL = List.of(TESTS_REGRESSED, STARTUP_FAILED, DATA_DAMAGED,
            PERFORMANCE_REGRESSED, COMPONENT_BROKEN);

    private TriggerIds() {
    }

    /** The runbook's words for a trigger. */
    public static String describe(String id) {
        return switch (id) {
            case TESTS_REGRESSED -> "critical tests fail that were passing before";
            case STARTUP_FAILED -> "system cannot start or import errors prevent basic functionality";
            case DATA_DAMAGED -> "data corruption or loss detected";
            case PERFORMANCE_REGRESSED -> "performance degradation beyond the threshold";
            case COMPONENT_BROKEN -> "a component completely non-functional";
            default -> id;
        };
    }
}
