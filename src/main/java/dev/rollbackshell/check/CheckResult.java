package dev.rollbackshell.check;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One import, functionality, component or confirming check.
 *
 * @param kind    import, functionality, component, confirm
 * @param summary one line: what failed (the error line), or "ok"
 * @param output  the end of its output (left out of baselines)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckResult(String id, String title, String kind, boolean passed, String summary, String output,
        long millis) {

    public CheckResult compact() {
        return new CheckResult(id, title, kind, passed, summary, null, millis);
    }
}
