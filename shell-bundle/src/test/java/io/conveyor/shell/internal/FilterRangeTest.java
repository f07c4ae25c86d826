package io.conveyor.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class FilterRangeTest {

    @Test
    void importRangeIsReadBackFromTheRequirementFilter() {
        String filter = "(&(osgi.wiring.package=io.conveyor.api.stage)(version>=2.0.0)(!(version>=3.0.0)))";

        assertEquals("io.conveyor.api.stage", FilterRange.packageName(filter));
        assertEquals("[2.0.0,3.0.0)", FilterRange.versionRange(filter));
    }

    @Test
    void exclusiveFloorAndInclusiveCeilingKeepTheirBrackets() {
        assertEquals("(1.0.0,2.0.0]",
                FilterRange.versionRange("(&(osgi.wiring.package=p)(!(version<=1.0.0))(version<=2.0.0))"));
    }

    @Test
    void aFloorAloneIsAnAtLeastVersion() {
        assertEquals("1.2.0", FilterRange.versionRange("(&(osgi.wiring.package=p)(version>=1.2.0))"));
    }

    @Test
    void noVersionBoundIsNoRange() {
        assertNull(FilterRange.versionRange("(osgi.wiring.package=p)"));
    }
}
