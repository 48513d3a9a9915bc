package dev.rollbackshell.project;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** "Did you mean": the valid names nearest to what was typed. */
public final class Names {

    private Names() {
    }

    /** Up to {@code max} candidates closest to {@code typed}, best first; prefix matches win. */
    public static List<String> nearest(String typed, Collection<String> candidates, int max) {
        return candidates.stream()
                .sorted(Comparator.comparingInt((String c) -> c.startsWith(typed) || typed.startsWith(c) ? 0 : 1)
                        .thenComparingInt(c -> distance(typed, c))
                        .thenComparing(Comparator.naturalOrder()))
                .filter(c -> distance(typed, c) <= Math.max(3, typed.length() / 2) || c.startsWith(typed))
                .limit(max)
                .toList();
    }

    /** ", did you mean a or b?" or "" when nothing is near. */
    public static String didYouMean(String typed, Collection<String> candidates) {
        List<String> near = nearest(typed, candidates, 3);
        return near.isEmpty() ? "" : "; did you mean " + String.join(" or ", near) + "?";
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
