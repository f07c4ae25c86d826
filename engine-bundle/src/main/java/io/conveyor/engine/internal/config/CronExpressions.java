package io.conveyor.engine.internal.config;

import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

/**
 * The cron dialect of {@code [schedule] cron}: five fields as in a Unix crontab (minute, hour,
 * day of month, month, day of week), or six with a leading seconds field as Spring writes them.
 * The deployer reads expressions by the same rule (its own copy: the engine's classes are private).
 */
final class CronExpressions {

    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final CronParser WITH_SECONDS = new CronParser(
            CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING));

    private CronExpressions() {
    }

    /** Why {@code expression} is not a cron expression of the dialect, or empty when it is one that ever matches. */
    static Optional<String> problem(String expression) {
        int fields = expression.isBlank() ? 0 : expression.trim().split("\\s+").length;
        if (fields != 5 && fields != 6) {
            return Optional.of("it has " + fields + " fields, not 5 (minute hour day-of-month month day-of-week)"
                    + " or 6 (seconds first)");
        }
        Cron cron;
        try {
            cron = (fields == 5 ? UNIX : WITH_SECONDS).parse(expression).validate();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        ZonedDateTime now = ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        return ExecutionTime.forCron(cron).nextExecution(now).isPresent() ? Optional.empty()
                : Optional.of("it never matches");
    }
}
