package io.conveyor.engine.internal.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.conveyor.api.runtime.ScheduleDTO;
import io.conveyor.engine.internal.model.ScheduleSpec;

/**
 * Reads {@code [schedule]}, Conveyor's own table (the original tool has none): {@code mode} and,
 * for interval schedules, {@code interval}. Without the table a pipeline runs once when deployed.
 */
final class ScheduleSection {

    static final List<String> KEYS = List.of("mode", "interval");
    static final List<String> MODES = List.of(ScheduleDTO.ONCE, ScheduleDTO.INTERVAL, ScheduleDTO.CONTINUOUS,
            ScheduleDTO.MANUAL);
    /** Shorter intervals would mostly measure the engine's start-up; 100 ms still suits tests. */
    static final long MIN_INTERVAL_MILLIS = 100;

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private ScheduleSection() {
    }

    static ScheduleSpec read(Optional<TableReader> reader) {
        if (reader.isEmpty()) {
            return ScheduleSpec.once();
        }
        TableReader r = reader.get();
        if (r.table().contains("cron")) {
            r.error("cron", r.subject() + "cron is not supported yet: use mode = \"interval\" with interval = \"1h\"");
        }
        r.rejectUnknownKeys(KEYS, List.of("cron"));
        boolean hasInterval = r.table().contains("interval");
        String mode = r.oneOf("mode", hasInterval ? ScheduleDTO.INTERVAL : ScheduleDTO.ONCE, MODES);
        if (!mode.equals(ScheduleDTO.INTERVAL)) {
            if (hasInterval) {
                r.error("interval", r.subject() + "interval applies only to mode = \"interval\", not \"" + mode + "\"");
            }
            return new ScheduleSpec(mode, 0, null);
        }
        if (!hasInterval) {
            r.error("mode", r.subject() + "interval is missing: mode = \"interval\" needs one, e.g. interval = \"15m\"");
            return new ScheduleSpec(mode, 0, null);
        }
        Optional<String> text = r.string("interval");
        long millis = text.map(t -> millis(r, t)).orElse(0L);
        return new ScheduleSpec(mode, millis, text.orElse(null));
    }

    /** The duration in milliseconds, or 0 after recording why it is not one. */
    private static long millis(TableReader r, String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            r.error("interval", r.subject() + "interval must be a duration such as \"500ms\", \"30s\", \"15m\", \"2h\""
                    + " or \"1d\", got " + ValueText.render(text));
            return 0;
        }
        long amount = Long.parseLong(m.group(1));
        long millis = switch (m.group(2)) {
            case "ms" -> amount;
            case "s" -> amount * 1_000;
            case "m" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> amount * 86_400_000;
        };
        if (millis < MIN_INTERVAL_MILLIS) {
            r.error("interval", r.subject() + "interval must be at least " + MIN_INTERVAL_MILLIS + "ms, got "
                    + ValueText.render(text));
            return 0;
        }
        return millis;
    }
}
