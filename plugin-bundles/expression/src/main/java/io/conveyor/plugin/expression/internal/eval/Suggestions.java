package io.conveyor.plugin.expression.internal.eval;

import java.util.Collection;
import java.util.Locale;

import org.apache.commons.text.similarity.LevenshteinDistance;

/** The closest known name to a mistyped one, for "did you mean" hints. */
public final class Suggestions {

    private static final int MAX_EDITS = 3;

    private Suggestions() {
    }

    /** {@code " (did you mean 'x'?)"}, or an empty string when no name is close. */
    public static String didYouMean(String typed, Collection<String> candidates) {
        String lowerTyped = typed.toLowerCase(Locale.ROOT);
        int allowed = Math.min(MAX_EDITS, Math.max(1, typed.length() / 3));
        LevenshteinDistance distance = new LevenshteinDistance(allowed);
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            String lowerCandidate = candidate.toLowerCase(Locale.ROOT);
            int score = lowerCandidate.equals(lowerTyped) ? 0 : distance.apply(lowerTyped, lowerCandidate);
            if (score >= 0 && score < Math.min(typed.length(), candidate.length()) && score < bestScore) {
                best = candidate;
                bestScore = score;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }
}
