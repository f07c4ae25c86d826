package io.conveyor.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.ops4j.pax.exam.Option;

/**
 * The framework every integration test boots: the bundles the build copied into
 * {@code target/bundles/<start level>/}, and FileInstall watching a deploy folder of the test
 * class's own, which holds its pipeline files too. Runs outside the framework, in {@code @Configuration} methods.
 */
final class ConveyorOptions {

    /** The FileInstall property tests read back from their BundleContext to find the deploy folder. */
    static final String DEPLOY_DIR = "felix.fileinstall.dir";
    /** The folder whose pipeline files the deployer deploys: the deploy folder, in tests. */
    static final String PIPELINES_DIR = "conveyor.pipelines.dir";
    /** The folder whose WASM modules the host loads at start. */
    static final String WASM_DIR = "conveyor.wasm.dir";
    /** Built module -> its name in wasm-plugins/, as the distribution ships them. */
    private static final Map<String, String> WASM_MODULES = Map.of("rows-filter-as.wasm", "rows-filter.wasm",
            "running-total-as.wasm", "running-total.wasm", "echo-as.wasm", "conveyor_plugin_echo_wasm.wasm");

    private ConveyorOptions() {
    }

    /** Felix with every built bundle, and a fresh, empty deploy folder named after {@code testClass}. */
    static Option[] conveyor(Class<?> testClass) {
        List<Option> options = new ArrayList<>();
        options.add(cleanCaches());
        options.add(junitBundles());
        for (Path jar : jars(bundlesAt(1))) {
            options.add(bundle(jar.toUri().toString()).startLevel(1));
        }
        for (Path jar : jars(bundlesAt(2))) {
            options.add(bundle(jar.toUri().toString()));
        }
        Path deploy = TestPaths.newWorkFolder(testClass.getSimpleName() + "-deploy");
        options.add(frameworkProperty(DEPLOY_DIR).value(deploy.toString()));
        options.add(frameworkProperty(PIPELINES_DIR).value(deploy.toString()));
        options.add(frameworkProperty(WASM_DIR).value(wasmPlugins(testClass).toString()));
        options.add(frameworkProperty("felix.fileinstall.poll").value("200"));
        options.add(frameworkProperty("felix.fileinstall.noInitialDelay").value("true"));
        options.add(frameworkProperty("felix.fileinstall.bundles.new.start").value("true"));
        options.add(frameworkProperty("felix.fileinstall.log.level").value("1"));
        return options.toArray(Option[]::new);
    }

    /**
     * The WASM modules the host loads at start, as the distribution's wasm-plugins/ folder holds
     * them: the AssemblyScript builds of rows.filter, running.total and echo.
     */
    private static Path wasmPlugins(Class<?> testClass) {
        Path folder = TestPaths.newWorkFolder(testClass.getSimpleName() + "-wasm");
        try {
            for (Map.Entry<String, String> module : WASM_MODULES.entrySet()) {
                Files.copy(TestPaths.wasmModule(module.getKey()), folder.resolve(module.getValue()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the WASM modules built by wasm-guest", e);
        }
        return folder;
    }

    private static Path bundlesAt(int startLevel) {
        return Path.of(TestPaths.property("itests.bundles"), Integer.toString(startLevel));
    }

    private static List<Path> jars(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the bundles in " + folder, e);
        }
    }
}
