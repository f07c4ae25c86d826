package io.conveyor.karaf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The features repository installed the documented way (docs/karaf.md) into a stock Apache Karaf,
 * the one the build unpacked from Maven Central: {@code feature:repo-add} of its Maven URL, then
 * {@code feature:install conveyor}; then the quickstart runs through {@code conveyor:run} in
 * Karaf's console.
 */
class KarafFeatureIT {

    private static final String VERSION = System.getProperty("conveyor.version");
    private static final String FEATURES_URL = "mvn:io.conveyor/conveyor-karaf-features/" + VERSION + "/xml/features";

    private static KarafContainer karaf;

    @BeforeAll
    static void installConveyor() throws Exception {
        Path repository = Path.of(System.getProperty("conveyor.karaf.repo"));
        publishFeatures(repository);
        Path work = Path.of(System.getProperty("conveyor.karaf.work"));
        karaf = KarafContainer.start(Path.of(System.getProperty("conveyor.karaf.dist")), work.resolve("home"), repository);
        karaf.succeed("feature:repo-add " + FEATURES_URL);
        karaf.succeed("feature:install conveyor");
    }

    /** The attached artifact, where a Maven repository holds it: what the mvn: URL names. */
    private static void publishFeatures(Path repository) throws Exception {
        Path target = repository.resolve("io/conveyor/conveyor-karaf-features/" + VERSION
                + "/conveyor-karaf-features-" + VERSION + "-features.xml");
        Files.createDirectories(target.getParent());
        Files.copy(Path.of(System.getProperty("conveyor.karaf.features")), target, StandardCopyOption.REPLACE_EXISTING);
    }

    @AfterAll
    static void stopKaraf() throws Exception {
        if (karaf != null) {
            karaf.close();
        }
    }

    @Test
    void quickstartRunsThroughConveyorRunInKarafsConsole() throws Exception {
        // relative paths in a pipeline resolve against the console's directory: Karaf's home
        Path examples = Path.of(System.getProperty("conveyor.examples"));
        Path quickstart = karaf.home().resolve("examples/quickstart");
        Files.createDirectories(quickstart);
        Files.copy(examples.resolve("quickstart/pipeline.toml"), quickstart.resolve("pipeline.toml"));
        KarafContainer.copyTree(examples.resolve("quickstart/data"), quickstart.resolve("data"));

        String report = karaf.succeed("conveyor:run examples/quickstart/pipeline.toml");

        assertTrue(report.contains("pipeline 'quickstart': SUCCEEDED in "), report);
        assertArrayEquals(Files.readAllBytes(examples.resolve("quickstart/expected/big_sales.json")),
                Files.readAllBytes(quickstart.resolve("output/big_sales.json")));
    }
}
