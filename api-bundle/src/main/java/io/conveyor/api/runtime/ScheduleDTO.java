package io.conveyor.api.runtime;

/**
 * How a deployed pipeline asks to be run: the {@code [schedule]} table of its file.
 *
 * @since 1.1
 */
public class ScheduleDTO {
    /** Run once, each time the file is deployed (the default). */
    public static final String ONCE = "once";
    /** Run when deployed, then every {@link #intervalMillis}; runs never overlap. */
    public static final String INTERVAL = "interval";
    /** Run when deployed and keep running (unbounded sources) until stopped or undeployed. */
    public static final String CONTINUOUS = "continuous";
    /** Run only when an operator starts it. */
    public static final String MANUAL = "manual";
    /** Run at each time {@link #cron} matches, in {@link #timezone}; runs never overlap. */
    public static final String CRON = "cron";

    /** {@link #ONCE}, {@link #INTERVAL}, {@link #CONTINUOUS}, {@link #MANUAL} or {@link #CRON}. */
    public String mode;
    /** The time between the starts of two runs, for {@link #INTERVAL}; 0 otherwise. */
    public long intervalMillis;
    /** The interval as the file writes it, e.g. {@code 15m}; {@code null} unless {@link #INTERVAL}. */
    public String interval;
    /**
     * The cron expression as the file writes it, e.g. {@code 30 2 * * MON-FRI}: five fields (Unix
     * crontab) or six with seconds first; {@code null} unless {@link #CRON}.
     */
    public String cron;
    /** The time zone {@link #cron} is read in, e.g. {@code Europe/Paris}; {@code null}: the server's. */
    public String timezone;
}
