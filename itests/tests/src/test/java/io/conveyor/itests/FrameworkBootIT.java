package io.conveyor.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import io.conveyor.api.runtime.ConveyorRuntime;

/**
 * The framework boots with the built bundles, every one of them starts, and each service comes
 * from the bundle meant to provide it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FrameworkBootIT {

    @Inject
    private BundleContext context;

    @Inject
    private ServiceComponentRuntime scr;

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
        assertEquals(Stream.of(
                "io.conveyor.api",
                "io.conveyor.arrow",
                "io.conveyor.chicory",
                "io.conveyor.deploy",
                "io.conveyor.engine",
                "io.conveyor.parquet",
                "io.conveyor.plugin.aggregate",
                "io.conveyor.plugin.core",
                "io.conveyor.plugin.crypto",
                "io.conveyor.plugin.expression",
                "io.conveyor.plugin.fields",
                "io.conveyor.plugin.kit",
                "io.conveyor.plugin.parquet",
                "io.conveyor.plugin.reshape",
                "io.conveyor.plugin.stream",
                "io.conveyor.shell",
                "io.conveyor.wasm",
                "io.conveyor.wasmtime")
                .collect(Collectors.toMap(name -> name, name -> "ACTIVE")), states);
    }

    @Test
    public void engineProvidesTheRuntimeService() throws InvalidSyntaxException {
        List<String> providers = context.getServiceReferences(ConveyorRuntime.class, null).stream()
                .map(reference -> reference.getBundle().getSymbolicName())
                .toList();

        assertEquals(List.of("io.conveyor.engine"), providers);
    }

    @Test
    public void shellProvidesTheCommandLineServiceAndTheGogoCommands() throws InvalidSyntaxException {
        List<String> commandLines = context.getServiceReferences(Function.class, "(conveyor.cli=main)").stream()
                .map(reference -> reference.getBundle().getSymbolicName())
                .toList();
        assertEquals(List.of("io.conveyor.shell"), commandLines);

        ServiceReference<?>[] references = context.getServiceReferences((String) null, "(osgi.command.scope=conveyor)");
        List<String> commands = Arrays.stream(references)
                .map(command -> command.getBundle().getSymbolicName() + " "
                        + Arrays.toString((String[]) command.getProperty("osgi.command.function")))
                .sorted().toList();
        assertEquals(List.of("io.conveyor.shell [completions, __candidates]",
                "io.conveyor.shell [list, info, docs, validate, run]",
                "io.conveyor.shell [pipelines, status, start, stop, history, graph]",
                "io.conveyor.shell [plugins, upgrade]",
                "io.conveyor.shell [top, tap]"), commands);
    }

    @Test
    public void engineImportsNoGogoPackage() {
        Bundle engine = Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName().equals("io.conveyor.engine"))
                .findFirst().orElseThrow();
        String imports = engine.getHeaders().get(Constants.IMPORT_PACKAGE);
        assertFalse(imports, imports.contains("org.apache.felix.service.command"));
    }

    @Test
    public void everyInstalledBundleIsActive() {
        Map<String, String> notActive = new TreeMap<>();
        Arrays.stream(context.getBundles())
                .filter(b -> b.getState() != Bundle.ACTIVE)
                .forEach(b -> notActive.put(b.getSymbolicName(), stateName(b.getState())));
        assertEquals(Map.of(), notActive);
    }

    /** Delayed components stay SATISFIED until someone uses their service; anything else is a fault. */
    @Test
    public void everyConveyorComponentIsSatisfied() {
        Map<String, String> unsatisfied = new TreeMap<>();
        int components = 0;
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (!description.bundle.symbolicName.startsWith("io.conveyor.")) {
                continue;
            }
            components++;
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                if (configuration.state != ComponentConfigurationDTO.ACTIVE
                        && configuration.state != ComponentConfigurationDTO.SATISFIED) {
                    unsatisfied.put(description.name, componentStateName(configuration.state));
                }
            }
            if (!scr.isComponentEnabled(description)) {
                unsatisfied.put(description.name, "DISABLED");
            }
        }
        assertEquals(Map.of(), unsatisfied);
        assertTrue("some components in io.conveyor bundles", components > 0);
    }

    private static String componentStateName(int state) {
        return switch (state) {
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "UNSATISFIED_CONFIGURATION";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "UNSATISFIED_REFERENCE";
            case ComponentConfigurationDTO.SATISFIED -> "SATISFIED";
            case ComponentConfigurationDTO.ACTIVE -> "ACTIVE";
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "FAILED_ACTIVATION";
            default -> Integer.toString(state);
        };
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
