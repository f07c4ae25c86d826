package io.conveyor.engine.internal.model;

import io.conveyor.api.runtime.ScheduleDTO;

/**
 * The {@code [schedule]} table: how a server runs the pipeline once it is deployed. The command
 * line ignores it, except that a continuous pipeline has no timeout unless it sets one.
 *
 * @param mode           {@code once}, {@code interval}, {@code continuous} or {@code manual}
 * @param intervalMillis the time between the starts of two runs, for {@code interval}; 0 otherwise
 * @param intervalText   the interval as written, e.g. {@code 15m}; {@code null} unless {@code interval}
 */
public record ScheduleSpec(String mode, long intervalMillis, String intervalText) {

    public static ScheduleSpec once() {
        return new ScheduleSpec(ScheduleDTO.ONCE, 0, null);
    }

    public boolean continuous() {
        return mode.equals(ScheduleDTO.CONTINUOUS);
    }

    public ScheduleDTO toDTO() {
        ScheduleDTO dto = new ScheduleDTO();
        dto.mode = mode;
        dto.intervalMillis = intervalMillis;
        dto.interval = intervalText;
        return dto;
    }
}
