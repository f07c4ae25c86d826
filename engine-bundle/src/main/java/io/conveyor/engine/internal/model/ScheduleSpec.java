package io.conveyor.engine.internal.model;

import io.conveyor.api.runtime.ScheduleDTO;

/**
 * The {@code [schedule]} table: how a server runs the pipeline once it is deployed. The command
 * line ignores it, except that a continuous pipeline has no timeout unless it sets one.
 *
 * @param mode           {@code once}, {@code interval}, {@code continuous}, {@code manual} or {@code cron}
 * @param intervalMillis the time between the starts of two runs, for {@code interval}; 0 otherwise
 * @param intervalText   the interval as written, e.g. {@code 15m}; {@code null} unless {@code interval}
 * @param cron           the cron expression as written; {@code null} unless {@code cron}
 * @param timezone       the zone the cron expression is read in; {@code null}: the server's
 */
public record ScheduleSpec(String mode, long intervalMillis, String intervalText, String cron, String timezone) {

    public static ScheduleSpec once() {
        return of(ScheduleDTO.ONCE);
    }

    /** A schedule of a mode that takes no other key. */
    public static ScheduleSpec of(String mode) {
        return new ScheduleSpec(mode, 0, null, null, null);
    }

    public static ScheduleSpec interval(long millis, String text) {
        return new ScheduleSpec(ScheduleDTO.INTERVAL, millis, text, null, null);
    }

    public static ScheduleSpec cron(String expression, String timezone) {
        return new ScheduleSpec(ScheduleDTO.CRON, 0, null, expression, timezone);
    }

    public boolean continuous() {
        return mode.equals(ScheduleDTO.CONTINUOUS);
    }

    public ScheduleDTO toDTO() {
        ScheduleDTO dto = new ScheduleDTO();
        dto.mode = mode;
        dto.intervalMillis = intervalMillis;
        dto.interval = intervalText;
        dto.cron = cron;
        dto.timezone = timezone;
        return dto;
    }
}
