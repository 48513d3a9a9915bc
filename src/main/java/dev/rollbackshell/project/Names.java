package dev.rollbackshell.project;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** "Did you mean": the valid names nearest to what was typed. */
public final class Names {

    private Names() {
    }

    /**
     * Up to {@code max} candidates close to {@code typed}, best first: those it is the start
     * of, then those within a few typing slips (a letter missing, extra, wrong or two letters
     * swapped: one slip for names of up to 4 characters, two up to 8, three beyond). Nothing
     * when nothing is that close: a far guess misleads more than no guess. Of the slips, only
     * the fewest count (as git does): "backup lsit" is "backup list", not also "backup log".
     */
    public static List<String> nearest(String typed, Collection<String> candidates, int max) {
        int fewest = candidates.stream().filter(c -> close(typed, c) && !c.startsWith(typed))
                .mapToInt(c -> distance(typed, c)).min().orElse(0);
        return candidates.stream()
                .filter(c -> close(typed, c))
                .filter(c -> c.startsWith(typed) || distance(typed, c) == fewest)
                .sorted(Comparator.comparingInt((String c) -> c.startsWith(typed) ? 0 : 1)
                        .thenComparingInt(c -> distance(typed, c))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(max)
                .toList();
    }

    static boolean close(String typed, String candidate) {
        if (typed.isEmpty()) {
            return false;
        }
        if (candidate.startsWith(typed) && typed.length() >= 2) {
            return true;
        }
        int n = Math.max(typed.length(), candidate.length());
        int slips = n <= 4 ? 1 : n <= 8 ? 2 : 3;
        return distance(typed, candidate) <= slips;
    }

    /** ", did you mean a or b?" or "" when nothing is near. */
    public static String didYouMean(String typed, Collection<String> candidates) {
        List<String> near = nearest(typed, candidates, 3);
        return near.isEmpty() ? "" : "; did you mean " + String.join(" or ", near) + "?";
    }

    /** Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
