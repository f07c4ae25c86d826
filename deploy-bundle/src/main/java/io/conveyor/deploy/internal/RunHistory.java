package io.conveyor.deploy.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import io.conveyor.api.runtime.RunRecordDTO;

/**
 * A pipeline's latest runs, newest first, at most a given number: adding one beyond it forgets the
 * oldest. Not thread-safe: {@link Deployments} guards it.
 */
final class RunHistory {

    private final Deque<RunRecordDTO> runs = new ArrayDeque<>();

    /** Adds the newest run, then forgets the oldest ones beyond {@code capacity} (at least 1). */
    void add(RunRecordDTO run, int capacity) {
        runs.addFirst(run);
        trim(capacity);
    }

    void trim(int capacity) {
        while (runs.size() > Math.max(1, capacity)) {
            runs.removeLast();
        }
    }

    /** Copies, newest first. */
    List<RunRecordDTO> snapshot() {
        return runs.stream().map(RunRecords::copy).toList();
    }
}
