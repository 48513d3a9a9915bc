package dev.rollbackshell.diagnose;

import dev.rollbackshell.backup.Changes;
import dev.rollbackshell.project.Globs;
import dev.rollbackshell.plan.Phase;
import dev.rollbackshell.plan.Plan;
import dev.rollbackshell.plan.Scenario;
import dev.rollbackshell.plan.Signal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Matches the plan's scenarios against what a diagnosis saw. A scenario matches when at
 * least one of its symptoms is seen (a trigger, an error line, a regressed test, a broken
 * component, a failing check); where things changed only adds weight. Best first
 * (see {@link #weight}), ties in plan order.
 */
public final class ScenarioMatcher {

    /** What was seen: fired trigger ids, error lines, names of regressed tests, failing component and check ids. */
    public record Seen(Set<String> triggers, List<String> errorLines, List<String> regressedTests, Set<String> components,
            Set<String> checks, Changes changes, List<String> implicated) {
    }

    private ScenarioMatcher() {
    }

    public static List<Diagnosis.ScenarioMatch> match(Plan plan, Seen seen) {
        record Scored(Diagnosis.ScenarioMatch match, int order) {
        }
        List<Scored> out = new ArrayList<>();
        int order = 0;
        for (Phase phase : plan.phasesOrEmpty()) {
            for (Scenario s : phase.scenarios()) {
                order++;
                List<String> why = new ArrayList<>();
                int symptoms = 0;
                int score = 0;
                for (Signal sig : s.signals()) {
                    String w = explain(sig, seen);
                    if (w == null || why.contains(w)) {
                        continue;
                    }
                    why.add(w);
                    score += weight(sig);
                    if (sig.symptom()) {
                        symptoms++;
                    }
                }
                if (symptoms > 0) {
                    out.add(new Scored(new Diagnosis.ScenarioMatch(s.id(), s.title(), String.join("; ", why),
                            phase.phase(), score), order));
                }
            }
        }
        out.sort(Comparator.comparingInt((Scored s) -> -s.match().score()).thenComparingInt(Scored::order));
        List<Diagnosis.ScenarioMatch> matches = new ArrayList<>(out.stream().map(Scored::match).toList());
        if (plan.nuclear() != null && !seen.triggers().isEmpty()) {
            if (matches.isEmpty()) {
                matches.add(new Diagnosis.ScenarioMatch("nuclear", "Nuclear Option: Complete Rollback",
                        "no scenario of the plan matches the symptoms (unable to identify a specific failure point)", null, 0));
            } else if (seen.triggers().size() >= 3) {
                matches.add(new Diagnosis.ScenarioMatch("nuclear", "Nuclear Option: Complete Rollback",
                        seen.triggers().size() + " triggers fired: the system looks completely non-functional", null, 0));
            }
        }
        return matches;
    }

    /**
     * How much a matching signal says: a specific error, a trigger or a broken component
     * most (3); a failing check or a regressed test's name less (2: a broad check or an
     * end-to-end test fails for many causes); a file deleted or named in the failures 2;
     * a file merely changed 1.
     */
    static int weight(Signal s) {
        if (s.error() != null || s.trigger() != null || s.component() != null) {
            return 3;
        }
        if (s.check() != null || s.test() != null || s.deleted() != null || s.implicated() != null) {
            return 2;
        }
        return 1;
    }

    /** Why a signal matches, in words, or null when it does not. */
    static String explain(Signal s, Seen seen) {
        if (s.trigger() != null) {
            return seen.triggers().contains(s.trigger()) ? "trigger " + s.trigger() + " fired" : null;
        }
        if (s.error() != null) {
            Pattern p = Pattern.compile(s.error());
            return seen.errorLines().stream().filter(l -> p.matcher(l).find()).findFirst()
                    .map(l -> "error: " + shorten(l)).orElse(null);
        }
        if (s.test() != null) {
            Pattern p = Pattern.compile(s.test());
            List<String> hits = seen.regressedTests().stream().filter(t -> p.matcher(t).find()).toList();
            return hits.isEmpty() ? null : "regressed test" + (hits.size() > 1 ? "s " : " ") + join(hits);
        }
        if (s.component() != null) {
            return seen.components().contains(s.component()) ? "component " + s.component() + " is broken" : null;
        }
        if (s.check() != null) {
            return seen.checks().contains(s.check()) ? "check " + s.check() + " fails" : null;
        }
        if (s.changed() != null) {
            List<String> hits = java.util.stream.Stream.concat(seen.changes().modified().stream(), seen.changes().added().stream())
                    .filter(p -> Globs.matches(s.changed(), p)).sorted().toList();
            return hits.isEmpty() ? null : join(hits) + " changed since the backup";
        }
        if (s.deleted() != null) {
            List<String> hits = seen.changes().deleted().stream().filter(p -> Globs.matches(s.deleted(), p)).toList();
            return hits.isEmpty() ? null : join(hits) + " deleted since the backup";
        }
        List<String> hits = seen.implicated().stream().filter(p -> Globs.matches(s.implicated(), p)).toList();
        return hits.isEmpty() ? null : join(hits) + " named in the failures";
    }

    private static String join(List<String> items) {
        if (items.size() <= 3) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, 3)) + " and " + (items.size() - 3) + " more";
    }

    private static String shorten(String line) {
        return line.length() <= 160 ? line : line.substring(0, 157) + "...";
    }
}
