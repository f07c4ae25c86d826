package io.conveyor.itests;

import static org.junit.Assert.assertEquals;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** The framework boots with the built bundles, and every one of them starts. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FrameworkBootIT {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return ConveyorOptions.conveyor(FrameworkBootIT.class);
    }

    @Test
    public void conveyorBundlesAreActive() {
        Map<String, String> states = new TreeMap<>();
        for (Bundle bundle : context.getBundles()) {
            String name = bundle.getSymbolicName();
            if (name.startsWith("io.conveyor.")) {
                states.put(name, stateName(bundle.getState()));
            }
        }
        assertEquals(Map.of(
                "io.conveyor.api", "ACTIVE",
                "io.conveyor.arrow", "ACTIVE",
                "io.conveyor.engine", "ACTIVE"), states);
    }

    @Test
    public void everyInstalledBundleIsActive() {
        Map<String, String> notActive = new TreeMap<>();
        Arrays.stream(context.getBundles())
                .filter(b -> b.getState() != Bundle.ACTIVE)
                .forEach(b -> notActive.put(b.getSymbolicName(), stateName(b.getState())));
        assertEquals(Map.of(), notActive);
    }

    private static String stateName(int state) {
        return switch (state) {
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> Integer.toString(state);
        };
    }
}
