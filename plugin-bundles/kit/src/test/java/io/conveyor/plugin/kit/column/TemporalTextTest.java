package io.conveyor.plugin.kit.column;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TimeStampSecVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TemporalTextTest {

    private final RootAllocator root = new RootAllocator();

    @AfterEach
    void noLeaks() {
        root.close();
    }

    @Test
    void datesAreDaysWhateverTheirUnit() {
        try (DateDayVector days = new DateDayVector("d", root);
                DateMilliVector millis = new DateMilliVector("m", root)) {
            days.allocateNew(2);
            days.set(0, 19737);
            days.set(1, -1);
            millis.allocateNew(1);
            millis.set(0, 19737L * 86_400_000L);
            assertEquals("2024-01-15", TemporalText.format(days, 0));
            assertEquals("1969-12-31", TemporalText.format(days, 1));
            assertEquals("2024-01-15", TemporalText.format(millis, 0));
        }
    }

    @Test
    void timestampsShowSecondsAlwaysAFractionWhenThereIsOneAndTheirZone() {
        try (TimeStampSecVector seconds = new TimeStampSecVector("s", root);
                TimeStampMicroVector micros = new TimeStampMicroVector("u", root);
                TimeStampMicroTZVector zoned = new TimeStampMicroTZVector("z", root, "Europe/Oslo")) {
            seconds.allocateNew(1);
            seconds.set(0, 1_705_314_600L);
            micros.allocateNew(2);
            micros.set(0, 1_705_314_600_250_000L);
            micros.set(1, -1L);
            zoned.allocateNew(1);
            zoned.set(0, 1_705_314_600_000_000L);
            assertEquals("2024-01-15T10:30:00", TemporalText.format(seconds, 0));
            assertEquals("2024-01-15T10:30:00.25", TemporalText.format(micros, 0));
            assertEquals("1969-12-31T23:59:59.999999", TemporalText.format(micros, 1));
            assertEquals("2024-01-15T11:30:00+01:00", TemporalText.format(zoned, 0));
        }
    }

    @Test
    void timesOfDay() {
        try (TimeSecVector seconds = new TimeSecVector("s", root);
                TimeNanoVector nanos = new TimeNanoVector("n", root)) {
            seconds.allocateNew(1);
            seconds.set(0, 37_800);
            nanos.allocateNew(1);
            nanos.set(0, 37_800_000_000_001L);
            assertEquals("10:30:00", TemporalText.format(seconds, 0));
            assertEquals("10:30:00.000000001", TemporalText.format(nanos, 0));
        }
    }

    @Test
    void onlyTemporalTypesAreHandled() {
        try (BigIntVector longs = new BigIntVector("l", root)) {
            assertFalse(TemporalText.handles(longs.getField().getType()));
        }
        assertTrue(TemporalText.handles(new ArrowType.Date(org.apache.arrow.vector.types.DateUnit.DAY)));
    }
}
