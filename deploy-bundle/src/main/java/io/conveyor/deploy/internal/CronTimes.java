package io.conveyor.deploy.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import io.conveyor.api.runtime.ScheduleDTO;

/**
 * The times a cron schedule matches. The engine has validated the expression; the dialect is the
 * engine's: five fields as in a Unix crontab, or six with a leading seconds field (Spring's).
 */
final class CronTimes {

    /** Counting the times a long run overlapped stops here: the count only informs operators. */
    static final long MAX_COUNTED = 100_000;

    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final CronParser WITH_SECONDS = new CronParser(
            CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING));

    private final ExecutionTime times;
    private final ZoneId zone;

    private CronTimes(ExecutionTime times, ZoneId zone) {
        this.times = times;
        this.zone = zone;
    }

    /** The times of {@code schedule}, read in its time zone or, when it names none, in {@code serverZone}. */
    static CronTimes of(ScheduleDTO schedule, ZoneId serverZone) {
        String expression = schedule.cron.trim();
        CronParser parser = expression.split("\\s+").length == 6 ? WITH_SECONDS : UNIX;
        ZoneId zone = schedule.timezone == null ? serverZone : ZoneId.of(schedule.timezone);
        return new CronTimes(ExecutionTime.forCron(parser.parse(expression)), zone);
    }

    /** The first time after {@code after} (in whole seconds) that the schedule matches, if it ever does. */
    Optional<Instant> next(Instant after) {
        ZonedDateTime from = after.truncatedTo(ChronoUnit.SECONDS).atZone(zone);
        return times.nextExecution(from).map(ZonedDateTime::toInstant);
    }

    /** How many times the schedule matches after {@code from} and up to {@code to} included, at most {@link #MAX_COUNTED}. */
    long countBetween(Instant from, Instant to) {
        long count = 0;
        Optional<Instant> time = next(from);
        while (time.isPresent() && !time.get().isAfter(to) && count < MAX_COUNTED) {
            count++;
            time = next(time.get());
        }
        return count;
    }
}
