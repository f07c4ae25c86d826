package io.conveyor.plugin.aggregate.internal.column;

import java.util.Collection;
import java.util.Locale;

import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * "Did you mean" for names the user typed (columns, keys of an aggregation table), worded and
 * tuned like the engine's suggestions for config keys: offered only for a likely typo (a few
 * edits, fewer than the word's length) or when one name contains the other.
 */
public final class Suggestions {

    private static final int MAX_EDITS = 3;
    private static final int MIN_CONTAINED_LENGTH = 4;

    private Suggestions() {
    }

    /** The closest candidate, or {@code null}; ties go to the earliest candidate. */
    public static String closest(String typed, Collection<String> candidates) {
        String lowerTyped = typed.toLowerCase(Locale.ROOT);
        int allowed = Math.min(MAX_EDITS, Math.max(1, typed.length() / 3));
        LevenshteinDistance distance = new LevenshteinDistance(allowed);
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            if (candidate.equals(typed)) {
                continue;
            }
            String lowerCandidate = candidate.toLowerCase(Locale.ROOT);
            int score = distance.apply(lowerTyped, lowerCandidate);
            boolean typo = score >= 0 && score < Math.min(typed.length(), candidate.length());
            if (!typo && contains(lowerTyped, lowerCandidate)) {
                score = allowed + 1;
                typo = true;
            }
            if (typo && score < bestScore) {
                best = candidate;
                bestScore = score;
            }
        }
        return best;
    }

    /** {@code " (did you mean 'x'?)"}, or an empty string when nothing is close. */
    public static String didYouMean(String typed, Collection<String> candidates) {
        String closest = closest(typed, candidates);
        return closest == null ? "" : " (did you mean '" + closest + "'?)";
    }

    private static boolean contains(String a, String b) {
        String shorter = a.length() <= b.length() ? a : b;
        String longer = shorter == a ? b : a;
        return shorter.length() >= MIN_CONTAINED_LENGTH && longer.contains(shorter);
    }
}
