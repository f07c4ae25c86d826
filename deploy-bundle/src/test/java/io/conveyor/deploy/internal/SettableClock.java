package io.conveyor.deploy.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** A clock that reads what the test last set: cron times are computed from it, timers still wait in real time. */
final class SettableClock extends Clock {

    private final ZoneId zone;
    private volatile Instant now;

    SettableClock(String now, String zone) {
        this(Instant.parse(now), ZoneId.of(zone));
    }

    private SettableClock(Instant now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    void set(String instant) {
        now = Instant.parse(instant);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new SettableClock(now, newZone);
    }
}
