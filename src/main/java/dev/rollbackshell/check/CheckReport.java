package dev.rollbackshell.check;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of the plan's checks on one folder. A null section was not run (not configured,
 * or skipped); an empty list means configured with nothing in it.
 *
 * @param componentStatus for the plan's component status files: present or not
 * @param checksMillis    time spent inside the external commands
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckReport(List<CheckResult> imports, List<CheckResult> functionality, List<CheckResult> components,
        Map<String, Boolean> componentStatus, List<DataResult> data, PerformanceResult performance, TestRun tests,
        long checksMillis) {

    public List<CheckResult> importsOrEmpty() {
        return imports == null ? List.of() : imports;
    }

    public List<CheckResult> functionalityOrEmpty() {
        return functionality == null ? List.of() : functionality;
    }

    public List<CheckResult> componentsOrEmpty() {
        return components == null ? List.of() : components;
    }

    public List<DataResult> dataOrEmpty() {
        return data == null ? List.of() : data;
    }

    public Optional<CheckResult> component(String id) {
        return componentsOrEmpty().stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public Optional<CheckResult> check(String id) {
        return java.util.stream.Stream.concat(importsOrEmpty().stream(), functionalityOrEmpty().stream())
                .filter(c -> c.id().equals(id)).findFirst();
    }

    public Optional<DataResult> data(String id) {
        return dataOrEmpty().stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** Without outputs and tracebacks: what a baseline keeps. */
    public CheckReport compact() {
        return new CheckReport(compact(imports), compact(functionality), compact(components), componentStatus, data,
                performance == null ? null : performance.compact(), tests == null ? null : tests.compact(), checksMillis);
    }

    private static List<CheckResult> compact(List<CheckResult> l) {
        return l == null ? null : l.stream().map(CheckResult::compact).toList();
    }
}
