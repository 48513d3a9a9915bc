package dev.rollbackshell.check;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The result of one test. {@code id}: {@code module.Class.test} (unittest),
 * {@code tests.test_x.TestClass.test_y} (pytest's classname + name), {@code pkg.ClassTest.method}
 * (Surefire). {@code status}: passed, failed, error, skipped. {@code detail}: the failure
 * message and traceback (kept short), null when it passed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TestOutcome(String id, String status, String file, String detail) {

    public static final String PASSED = "passed";
    public static final String FAILED = "failed";
    public static final String ERROR = "error";
    public static final String SKIPPED = "skipped";

    public boolean passed() {
        return PASSED.equals(status);
    }

    /** Failed or errored. */
    public boolean broken() {
        return FAILED.equals(status) || ERROR.equals(status);
    }

    public TestOutcome withoutDetail() {
        return new TestOutcome(id, status, file, null);
    }
}
