package io.conveyor.shell.internal;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * "Did you mean" for names the shell is given, such as a function for {@code info}: the known
 * name closest to what was typed, offered only when it is a likely typo (a few edits, fewer than
 * the word's length) or when one name contains the other. The same rule as the engine's
 * suggestions in pipeline problems, computed here because the shell sees only the runtime API.
 */
final class ClosestName {

    private static final LevenshteinDistance LEVENSHTEIN = LevenshteinDistance.getDefaultInstance();
    private static final int MAX_EDITS = 3;
    private static final int MIN_CONTAINED_LENGTH = 4;

    private ClosestName() {
    }

    /** The closest candidate; ties go to the earliest candidate in iteration order. */
    static Optional<String> to(String typed, Collection<String> candidates) {
        String lowerTyped = typed.toLowerCase(Locale.ROOT);
        int allowed = Math.min(MAX_EDITS, Math.max(1, typed.length() / 3));
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            if (candidate.equals(typed)) {
                continue;
            }
            String lowerCandidate = candidate.toLowerCase(Locale.ROOT);
            int score = LEVENSHTEIN.apply(lowerTyped, lowerCandidate);
            boolean typo = score <= allowed && score < Math.min(typed.length(), candidate.length());
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

    private static boolean contains(String a, String b) {
        String shorter = a.length() <= b.length() ? a : b;
        String longer = shorter == a ? b : a;
        return shorter.length() >= MIN_CONTAINED_LENGTH && longer.contains(shorter);
    }
}
