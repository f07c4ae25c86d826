package io.conveyor.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

import io.conveyor.api.runtime.ConveyorRuntime;
import io.conveyor.api.runtime.RunReportDTO;

/**
 * parquet.write and parquet.read inside Felix: the Parquet wrapper resolves without Hadoop, a CSV
 * goes to Parquet and back through the runtime service, and validation reads the file's footer.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ParquetIT {

    private static final String ORDERS = """
            id,customer,amount,paid
            1,"Ada, Countess",120.5,true
            2,,,
            3,Linus,-0.25,false
            """;

    @Inject
    private BundleContext context;

    @Inject
    private ConveyorRuntime runtime;

    @Configuration
    public Option[] configuration() {
        return ConveyorOptions.conveyor(ParquetIT.class);
    }

    private static String toParquet(String compression) {
        return """
                [pipeline]
                name = "to_parquet"

                [[stages]]
                id = "orders"
                function = "csv.read"
                [stages.config]
                path = "orders.csv"

                [[stages]]
                id = "save"
                function = "parquet.write"
                inputs = ["orders"]
                [stages.config]
                path = "out/orders.parquet"
                compression = "%s"
                """.formatted(compression);
    }

    private static String backToCsv(String columns) {
        return """
                [pipeline]
                name = "back_to_csv"

                [[stages]]
                id = "load"
                function = "parquet.read"
                [stages.config]
                path = "out/orders.parquet"
                columns = %s

                [[stages]]
                id = "save"
                function = "csv.write"
                inputs = ["load"]
                [stages.config]
                path = "out/orders.csv"
                """.formatted(columns);
    }

    @Test
    public void theWrapperResolvesWithoutHadoopAndThePluginIsActive() {
        Bundle wrapper = bundle("io.conveyor.parquet");
        assertEquals(Bundle.ACTIVE, wrapper.getState());
        assertEquals(Bundle.ACTIVE, bundle("io.conveyor.plugin.parquet").getState());
        List<String> wiredPackages = new ArrayList<>();
        for (BundleWire wire : wrapper.adapt(BundleWiring.class).getRequiredWires("osgi.wiring.package")) {
            String name = (String) wire.getCapability().getAttributes().get("osgi.wiring.package");
            if (name.startsWith("org.apache.hadoop") || name.startsWith("org.xerial") || name.startsWith("com.github")) {
                wiredPackages.add(name);
            }
        }
        assertEquals("Hadoop and the native codecs are optional and absent", List.of(), wiredPackages);
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    @Test
    public void aCsvGoesToParquetAndBackUnchanged() throws Exception {
        for (String compression : List.of("snappy", "zstd", "gzip", "none")) {
            Path work = TestPaths.newWorkFolder("parquet-" + compression);
            Runs.write(work.resolve("orders.csv"), ORDERS);

            RunReportDTO written = runtime.run(Runs.request(Runs.write(work.resolve("to.toml"),
                    toParquet(compression)), work));
            assertEquals(compression, "SUCCEEDED", Runs.outcome(written));
            assertEquals(List.of("orders csv.read 0 -> 3 SUCCEEDED", "save parquet.write 3 -> 0 SUCCEEDED"),
                    Runs.stageLines(written));

            RunReportDTO read = runtime.run(Runs.request(Runs.write(work.resolve("back.toml"), backToCsv("[]")),
                    work));
            assertEquals(compression, "SUCCEEDED", Runs.outcome(read));
            assertEquals(List.of("load parquet.read 0 -> 3 SUCCEEDED", "save csv.write 3 -> 0 SUCCEEDED"),
                    Runs.stageLines(read));
            assertEquals(compression, ORDERS, Runs.read(work.resolve("out/orders.csv")));
        }
    }

    @Test
    public void columnsAreCheckedAgainstTheFileAtValidationAndChosenAtRunTime() throws Exception {
        Path work = TestPaths.newWorkFolder("parquet-columns");
        Runs.write(work.resolve("orders.csv"), ORDERS);
        assertEquals("SUCCEEDED", Runs.outcome(runtime.run(Runs.request(
                Runs.write(work.resolve("to.toml"), toParquet("snappy")), work))));

        Path wrong = Runs.write(work.resolve("wrong.toml"), backToCsv("[\"amount\", \"price\"]"));
        assertEquals(List.of(wrong + ":9:1: error[CONFIG]: stage 'load': config key 'columns' names column "
                + "'price', which out/orders.parquet does not have (columns: id, customer, amount, paid)"),
                Runs.problemLines(runtime.validate(Runs.request(wrong, work)).problems));
        assertFalse("validation writes nothing", Files.exists(work.resolve("out/orders.csv")));

        RunReportDTO read = runtime.run(Runs.request(
                Runs.write(work.resolve("some.toml"), backToCsv("[\"amount\", \"id\"]")), work));
        assertEquals("SUCCEEDED", Runs.outcome(read));
        assertEquals("amount,id\n120.5,1\n,2\n-0.25,3\n", Runs.read(work.resolve("out/orders.csv")));
    }
}
