package io.conveyor.engine.internal.exec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells when a run can no longer make progress: every stage still working waits on a queue,
 * and no queue can change any more, because only those stages could change them. A stage running
 * plugin code (a source blocked reading stdin, a slow transform) is not waiting on a queue, so a
 * run with such a stage is never stalled.
 *
 * <p>Threading: used only under the run's lock ({@link RunControl#lock()}), which also guards
 * every queue, so a check sees one consistent state of all of them.
 */
final class StallDetector {

    /** What one stage waits for; both methods are called under the run's lock. */
    interface QueueWait {

        /** Whether the wait is over: it would end if the waiting thread woke up now. */
        boolean canProceed();

        /** One clause naming the stage and what it waits for, e.g. {@code 'src' waits for room in 'b'}. */
        String describe();
    }

    private final List<String> stageOrder;
    private final Map<String, QueueWait> waits = new HashMap<>();

    /** @param stageOrder every stage id of the run, in plan order */
    StallDetector(List<String> stageOrder) {
        this.stageOrder = List.copyOf(stageOrder);
    }

    void waiting(String stageId, QueueWait wait) {
        waits.put(stageId, wait);
    }

    void resumed(String stageId) {
        waits.remove(stageId);
    }

    int waiting() {
        return waits.size();
    }

    /**
     * Describes the stall, downstream stages first, or returns {@code null} when some stage can
     * still make progress.
     *
     * @param working how many stages have not finished their work
     */
    String stall(int working) {
        if (working == 0 || waits.size() != working) {
            return null;
        }
        for (QueueWait wait : waits.values()) {
            if (wait.canProceed()) {
                return null;
            }
        }
        List<String> clauses = new ArrayList<>();
        for (int i = stageOrder.size() - 1; i >= 0; i--) {
            QueueWait wait = waits.get(stageOrder.get(i));
            if (wait != null) {
                clauses.add(wait.describe());
            }
        }
        return "stage " + joinWithAnd(clauses);
    }

    /** {@code a}, {@code a, and b}, {@code a, b, and c}: the clauses are themselves lists. */
    private static String joinWithAnd(List<String> clauses) {
        if (clauses.size() == 1) {
            return clauses.get(0);
        }
        return String.join(", ", clauses.subList(0, clauses.size() - 1)) + ", and " + clauses.get(clauses.size() - 1);
    }
}
