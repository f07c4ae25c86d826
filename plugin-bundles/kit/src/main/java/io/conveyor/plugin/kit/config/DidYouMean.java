package io.conveyor.plugin.kit.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * "Did you mean" for names a config refers to, such as a column a stage expects: the known name
 * closest to what was typed, offered only when it is a likely typo (a few edits, fewer than the
 * word's length) or when one name contains the other. The rule the engine uses for config keys
 * and function names, so every suggestion reads and behaves alike.
 */
public final class DidYouMean {

    private static final int MAX_EDITS = 3;
    private static final int MIN_CONTAINED_LENGTH = 4;

    private DidYouMean() {
    }

    /** The closest candidate; ties go to the earliest candidate in iteration order. */
    public static Optional<String> closest(String typed, Collection<String> candidates) {
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
        return Optional.ofNullable(best);
    }

    /** {@code " (did you mean 'x'?)"}, or an empty string when nothing is close. */
    public static String suffix(String typed, Collection<String> candidates) {
        return closest(typed, candidates).map(s -> " (did you mean '" + s + "'?)").orElse("");
    }

    private static boolean contains(String a, String b) {
        String shorter = a.length() <= b.length() ? a : b;
        String longer = shorter == a ? b : a;
        return shorter.length() >= MIN_CONTAINED_LENGTH && longer.contains(shorter);
    }
}
