package io.conveyor.engine.internal.config;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.conveyor.api.runtime.ScheduleDTO;
import io.conveyor.engine.internal.model.ScheduleSpec;

/**
 * Reads {@code [schedule]}, Conveyor's own table (the original tool has none): {@code mode}, and
 * {@code interval} for interval schedules or {@code cron} and {@code timezone} for cron ones.
 * Without the table a pipeline runs once when deployed.
 */
final class ScheduleSection {

    static final List<String> KEYS = List.of("mode", "interval", "cron", "timezone");
    static final List<String> MODES = List.of(ScheduleDTO.ONCE, ScheduleDTO.INTERVAL, ScheduleDTO.CONTINUOUS,
            ScheduleDTO.MANUAL, ScheduleDTO.CRON);
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
        r.rejectUnknownKeys(KEYS, List.of());
        boolean hasInterval = r.table().contains("interval");
        boolean hasCron = r.table().contains("cron");
        String implied = hasCron ? ScheduleDTO.CRON : hasInterval ? ScheduleDTO.INTERVAL : ScheduleDTO.ONCE;
        String mode = r.oneOf("mode", implied, MODES);
        rejectUnless(r, mode, "interval", ScheduleDTO.INTERVAL);
        rejectUnless(r, mode, "cron", ScheduleDTO.CRON);
        rejectUnless(r, mode, "timezone", ScheduleDTO.CRON);
        return switch (mode) {
            case ScheduleDTO.INTERVAL -> interval(r);
            case ScheduleDTO.CRON -> cron(r);
            default -> ScheduleSpec.of(mode);
        };
    }

    /** Records a problem when {@code key} is set but {@code mode} is not the one it belongs to. */
    private static void rejectUnless(TableReader r, String mode, String key, String itsMode) {
        if (r.table().contains(key) && !mode.equals(itsMode)) {
            r.error(key, r.subject() + key + " applies only to mode = \"" + itsMode + "\", not \"" + mode + "\"");
        }
    }

    private static ScheduleSpec interval(TableReader r) {
        if (!r.table().contains("interval")) {
            r.error("mode", r.subject() + "interval is missing: mode = \"interval\" needs one, e.g. interval = \"15m\"");
            return ScheduleSpec.of(ScheduleDTO.INTERVAL);
        }
        Optional<String> text = r.string("interval");
        long millis = text.map(t -> millis(r, t)).orElse(0L);
        return ScheduleSpec.interval(millis, text.orElse(null));
    }

    private static ScheduleSpec cron(TableReader r) {
        if (!r.table().contains("cron")) {
            r.error("mode", r.subject() + "cron is missing: mode = \"cron\" needs one, e.g. cron = \"*/15 * * * *\"");
        }
        Optional<String> expression = r.string("cron");
        expression.flatMap(CronExpressions::problem).ifPresent(reason -> r.error("cron", r.subject() + "cron "
                + ValueText.render(expression.get()) + " is not a valid cron expression: " + reason));
        Optional<String> timezone = r.string("timezone");
        timezone.flatMap(ScheduleSection::zoneProblem).ifPresent(reason -> r.error("timezone", r.subject()
                + "timezone " + ValueText.render(timezone.get()) + " is not a time zone (such as \"Europe/Paris\" or"
                + " \"UTC\"): " + reason));
        return ScheduleSpec.cron(expression.orElse(null), timezone.orElse(null));
    }

    private static Optional<String> zoneProblem(String zone) {
        try {
            ZoneId.of(zone);
            return Optional.empty();
        } catch (DateTimeException e) {
            return Optional.of(e.getMessage());
        }
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
