package dev.rollbackshell.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One sign that a scenario applies; exactly one key is set. Symptoms (a scenario is only
 * matched when at least one of its symptoms is seen):
 * {@code trigger} (a trigger id fired), {@code error} (regular expression found in an
 * error line of the failure output: {@code ModuleNotFoundError: ...}), {@code test} (regular
 * expression matching the name of a regressed test), {@code component} (that component
 * check failed), {@code check} (that import or functionality check failed).
 * Context (adds weight only): {@code changed}, {@code deleted}, {@code implicated}: glob
 * patterns over project paths changed / deleted since the backup / named in failure output.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Signal(String trigger, String error, String test, String component, String check, String changed,
        String deleted, String implicated) {

    public Signal {
        int set = count(trigger, error, test, component, check, changed, deleted, implicated);
        PlanException.require(set == 1, "signal: needs exactly one of trigger, error, test, component, check, changed, "
                + "deleted, implicated");
        PlanException.require(trigger == null || TriggerIds.ALL.contains(trigger),
                "signal: unknown trigger '" + trigger + "' (one of " + String.join(", ", TriggerIds.ALL) + ")");
        for (String regex : new String[] {error, test}) {
            if (regex != null) {
                try {
                    Pattern.compile(regex);
                } catch (PatternSyntaxException e) {
                    throw new PlanException("signal: '" + regex + "' is not a regular expression: " + e.getDescription());
                }
            }
        }
    }

    private static int count(Object... values) {
        int n = 0;
        for (Object v : values) {
            if (v != null) {
                n++;
            }
        }
        return n;
    }

    /** A symptom is something seen going wrong; context is only where things changed. */
    @JsonIgnore
    public boolean symptom() {
        return changed == null && deleted == null && implicated == null;
    }
}
