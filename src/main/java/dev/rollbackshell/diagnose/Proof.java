package dev.rollbackshell.diagnose;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * What trying a suggestion in a scratch copy found (docs/plan.md#suggest): it {@code heals}
 * (no trigger fires there), it {@code fails} ({@code fired}: the triggers that still fire or
 * newly fire), or it was {@code not-tried}. {@code seconds}: how long the proof took;
 * {@code detail}: one line for people ("all 5 triggers quiet", "cannot be applied: ...").
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Proof(Status status, List<String> fired, Double seconds, String detail) {

    public enum Status {
        HEALS("heals"), FAILS("fails"), NOT_TRIED("not-tried");

        private final String json;

        Status(String json) {
            this.json = json;
        }

        @JsonValue
        public String json() {
            return json;
        }
    }

    public static final Proof NOT_TRIED = new Proof(Status.NOT_TRIED, List.of(), null, null);

    public Proof {
        fired = fired == null ? List.of() : List.copyOf(fired);
    }

    public static Proof notTried(String why) {
        return new Proof(Status.NOT_TRIED, List.of(), null, why);
    }

    /** "heals (proven: all 5 checked triggers quiet, 2.1s)", "still failing: tests-regressed (3.0s)" or "not tried...". */
    public String text() {
        String secs = seconds == null ? "" : String.format(java.util.Locale.ROOT, ", %.1fs", seconds);
        return switch (status) {
            case HEALS -> "heals (proven: " + detail + secs + ")";
            case FAILS -> detail + (secs.isEmpty() ? "" : " (" + secs.substring(2) + ")");
            default -> detail == null ? "not tried" : detail;
        };
    }

    public boolean heals() {
        return status == Status.HEALS;
    }
}
