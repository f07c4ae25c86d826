package io.conveyor.engine.internal.exec;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.arrow.memory.BufferAllocator;

/**
 * The Arrow memory of one run: a child of the engine's allocator, capped at the run's limit, with
 * a child per stage. Closing it finds the stages that still hold buffers.
 *
 * <p>Threading: the run's own thread creates and closes it; stage threads only use their allocator;
 * any thread may ask what a stage holds.
 */
final class RunMemory {

    private final BufferAllocator run;
    private final Map<String, BufferAllocator> stages = new LinkedHashMap<>();

    /** @param limit the most memory the run may hold; each stage may use all of it */
    RunMemory(BufferAllocator engine, String pipelineName, long limit) {
        this.run = engine.newChildAllocator("run " + pipelineName, 0, limit);
    }

    synchronized BufferAllocator forStage(String stageId) {
        BufferAllocator allocator = run.newChildAllocator("stage " + stageId, 0, run.getLimit());
        stages.put(stageId, allocator);
        return allocator;
    }

    /** The bytes the stage's allocator holds now; 0 for a stage without one. Any thread may ask. */
    synchronized long heldBy(String stageId) {
        BufferAllocator allocator = stages.get(stageId);
        return allocator == null ? 0 : allocator.getAllocatedMemory();
    }

    /**
     * Closes every stage allocator that holds nothing, then the run's if all were.
     *
     * @return the bytes still held, per stage id, for the stages that leaked; their allocators
     *         (and the run's) stay open, since closing them would throw: the memory stays with the
     *         plugin's buffers
     */
    synchronized Map<String, Long> close() {
        Map<String, Long> leaks = new LinkedHashMap<>();
        boolean childrenOpen = false;
        for (Map.Entry<String, BufferAllocator> stage : stages.entrySet()) {
            BufferAllocator allocator = stage.getValue();
            long held = allocator.getAllocatedMemory();
            if (held > 0) {
                leaks.put(stage.getKey(), held);
            } else if (allocator.getChildAllocators().isEmpty()) {
                allocator.close();
            } else {
                // A sub-pipeline run (stage.pipeline) still ending holds a child: closing would throw.
                childrenOpen = true;
            }
        }
        if (leaks.isEmpty() && !childrenOpen) {
            run.close();
        }
        return leaks;
    }
}
