package io.conveyor.karaf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The features repository installed the documented way (docs/karaf.md) into a stock Apache Karaf,
 * the one the build unpacked from Maven Central: {@code feature:repo-add} of its Maven URL, then
 * {@code feature:install conveyor}; then the quickstart runs through {@code conveyor:run} in
 * Karaf's console, and again when its file is dropped into Karaf's {@code deploy/} folder.
 */
class KarafFeatureIT {

    private static final String VERSION = System.getProperty("conveyor.version");
    private static final String FEATURES_URL = "mvn:io.conveyor/conveyor-karaf-features/" + VERSION + "/xml/features";

    /** What feature:install conveyor adds to a stock Karaf, Felix SCR (its scr feature) included. */
    private static final List<String> FEATURE_BUNDLES = List.of(
            "com.cronutils.cron-utils",
            "com.fasterxml.jackson.core.jackson-annotations",
            "com.fasterxml.jackson.core.jackson-core",
            "com.fasterxml.jackson.core.jackson-databind",
            "com.fasterxml.jackson.datatype.jackson-datatype-jsr310",
            "com.google.flatbuffers.java",
            "io.conveyor.api",
            "io.conveyor.arrow",
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
            "jakarta.validation.jakarta.validation-api",
            "org.apache.commons.commons-codec",
            "org.apache.commons.lang3",
            "org.apache.commons.text",
            "org.apache.felix.scr",
            "org.locationtech.jts.jts-core");

    private static final Path EXAMPLES = Path.of(System.getProperty("conveyor.examples"));

    private static KarafContainer karaf;

    @BeforeAll
    static void installConveyor() throws Exception {
        Path repository = Path.of(System.getProperty("conveyor.karaf.repo"));
        publishFeatures(repository);
        Path work = Path.of(System.getProperty("conveyor.karaf.work"));
        karaf = KarafContainer.start(Path.of(System.getProperty("conveyor.karaf.dist")), work.resolve("home"), repository);
        karaf.succeed("feature:repo-add " + FEATURES_URL);
        karaf.succeed("feature:install conveyor");

        // relative paths in a pipeline resolve against Karaf's working directory: its home
        Path quickstart = karaf.home().resolve("examples/quickstart");
        Files.createDirectories(quickstart);
        Files.copy(EXAMPLES.resolve("quickstart/pipeline.toml"), quickstart.resolve("pipeline.toml"));
        KarafContainer.copyTree(EXAMPLES.resolve("quickstart/data"), quickstart.resolve("data"));
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
    void everyBundleOfTheFeatureIsActive() throws Exception {
        Map<String, String> states = new TreeMap<>();
        for (List<String> row : table(karaf.succeed("bundle:list -s -t 0"))) {
            states.put(row.get(4), row.get(1));
        }
        for (String bundle : FEATURE_BUNDLES) {
            assertEquals("Active", states.get(bundle), bundle + " in " + states);
        }
    }

    @Test
    void slf4jIsKarafsPaxLoggingOnly() throws Exception {
        // no slf4j-api bundle was installed: Arrow, Parquet and the engine log through pax-logging
        List<List<String>> exports = table(karaf.succeed("package:exports -p org.slf4j"));
        assertFalse(exports.isEmpty());
        for (List<String> row : exports) {
            assertEquals("org.ops4j.pax.logging.pax-logging-api", row.get(row.size() - 1), row.toString());
        }
        String bundles = karaf.succeed("bundle:list -s -t 0");
        assertFalse(bundles.contains("slf4j.api"), bundles);
    }

    @Test
    void conveyorCommandsAreKarafShellCommands() throws Exception {
        String list = karaf.succeed("conveyor:list -t sources");
        assertTrue(list.lines().anyMatch(line -> line.matches("\\s*csv\\.read\\s+io\\.conveyor\\.plugin\\.core .*")), list);

        // Karaf passes no stderr of a command run through bin/client on: 2>&1 brings it to stdout
        assertEquals("conveyor: no such file: missing.toml", karaf.succeed("conveyor:run missing.toml 2>&1").strip());
    }

    @Test
    void quickstartRunsThroughConveyorRunInKarafsConsole() throws Exception {
        String report = karaf.succeed("conveyor:run examples/quickstart/pipeline.toml 2>&1");

        assertTrue(report.contains("pipeline 'quickstart': SUCCEEDED in "), report);
        assertArrayEquals(Files.readAllBytes(EXAMPLES.resolve("quickstart/expected/big_sales.json")),
                Files.readAllBytes(karaf.home().resolve("examples/quickstart/output/big_sales.json")));
    }

    @Test
    void aPipelineDroppedIntoKarafsDeployFolderIsDeployedAndRun() throws Exception {
        // the quickstart, writing elsewhere; a pipeline runs once when deployed (docs/operations.md)
        String pipeline = Files.readString(EXAMPLES.resolve("quickstart/pipeline.toml"))
                .replace("examples/quickstart/output/big_sales.json", "deployed/big_sales.json");
        Path file = karaf.home().resolve("quickstart.toml");
        Files.writeString(file, pipeline);
        Files.move(file, karaf.home().resolve("deploy/quickstart.toml"), StandardCopyOption.ATOMIC_MOVE);

        Path output = karaf.home().resolve("deployed/big_sales.json");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(KarafContainer.WAIT_SECONDS);
        while (!Files.exists(output)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the deployed pipeline wrote no output within " + KarafContainer.WAIT_SECONDS
                        + " s; conveyor:pipelines says: " + karaf.execute("conveyor:pipelines 2>&1").output() + karaf.logs());
            }
            Thread.sleep(200);
        }
        // the sink writes a temporary file and renames it on commit: what exists is complete
        assertArrayEquals(Files.readAllBytes(EXAMPLES.resolve("quickstart/expected/big_sales.json")), Files.readAllBytes(output));
        assertTrue(karaf.succeed("conveyor:pipelines").contains("quickstart"));
    }

    /** The rows of a table a Karaf command printed: the cells of each line after the header's rule. */
    private static List<List<String>> table(String output) {
        List<String> lines = output.lines().toList();
        int rule = 0;
        while (rule < lines.size() && !lines.get(rule).startsWith("---")) {
            rule++;
        }
        return lines.subList(Math.min(rule + 1, lines.size()), lines.size()).stream()
                .filter(line -> line.contains("|"))
                .map(line -> Arrays.stream(line.split("\\|")).map(String::strip).toList())
                .toList();
    }
}
