package io.conveyor.shell.internal;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean" for names the shell is given, such as a function for {@code info}: the known
 * name closest to what was typed, offered only when it is a likely typo (a few edits, fewer than
 * the word's length) or when one name contains the other. The same rule as the engine's
 * suggestions in pipeline problems, computed here because the shell sees only the runtime API.
 */
final class ClosestName {

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
            int score = distance(lowerTyped, lowerCandidate);
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

    /** Levenshtein distance: the fewest single-character insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static boolean contains(String a, String b) {
        String shorter = a.length() <= b.length() ? a : b;
        String longer = shorter == a ? b : a;
        return shorter.length() >= MIN_CONTAINED_LENGTH && longer.contains(shorter);
    }
}
