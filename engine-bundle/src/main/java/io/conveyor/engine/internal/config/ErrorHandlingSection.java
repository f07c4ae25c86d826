package io.conveyor.engine.internal.config;

import java.util.List;

/**
 * Reads {@code [error_handling]}. Every key of the original tool is parsed and checked, but only
 * {@code strategy = "stop"} runs today; anything else is rejected rather than silently ignored.
 */
final class ErrorHandlingSection {

    static final List<String> KEYS = List.of("strategy", "max_retries", "retry_delay_seconds", "dead_letter_queue");
    static final List<String> STRATEGIES = List.of("stop", "continue", "retry");
    static final List<String> DEAD_LETTER_KEYS = List.of("enabled", "path");

    private ErrorHandlingSection() {
    }

    static void read(TableReader r) {
        r.rejectUnknownKeys(KEYS, List.of());
        String strategy = r.oneOf("strategy", "stop", STRATEGIES);
        if (!strategy.equals("stop")) {
            r.error("strategy", r.subject() + "strategy = \"" + strategy + "\" is not supported yet: only \"stop\" is");
        }
        r.integer("max_retries", 3, 0, Integer.MAX_VALUE);
        r.integer("retry_delay_seconds", 5, 0, Integer.MAX_VALUE);
        r.nested("dead_letter_queue").ifPresent(ErrorHandlingSection::readDeadLetterQueue);
    }

    private static void readDeadLetterQueue(TableReader dlq) {
        dlq.rejectUnknownKeys(DEAD_LETTER_KEYS, List.of());
        boolean enabled = dlq.bool("enabled").orElse(false);
        if (!dlq.table().contains("enabled")) {
            dlq.error("enabled", dlq.subject() + "dead_letter_queue.enabled is missing");
        }
        if (!dlq.table().contains("path")) {
            dlq.error("path", dlq.subject() + "dead_letter_queue.path is missing");
        } else {
            dlq.string("path");
        }
        if (enabled) {
            dlq.error("enabled", dlq.subject()
                    + "dead_letter_queue.enabled = true is not supported yet: only false is");
        }
    }
}
