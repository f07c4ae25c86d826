package io.conveyor.itests;

import static org.junit.Assert.assertEquals;

import java.util.Dictionary;
import java.util.Hashtable;
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
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

import io.conveyor.api.runtime.ConveyorRuntime;
import io.conveyor.api.runtime.FunctionDTO;
import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageContext;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.StageRole;
import io.conveyor.api.stage.Transform;
import io.conveyor.api.stage.TransformTask;

/** The runtime finds the built-in functions through the service registry, and ranks rivals. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FunctionDiscoveryIT {

    private static final String ECHO = "conveyor_plugin_echo_wasm.wasm 1.0.0";
    private static final String CORE = "io.conveyor.plugin.core";
    private static final String EXPRESSION = "io.conveyor.plugin.expression";
    private static final String RESHAPE = "io.conveyor.plugin.reshape";
    private static final String CRYPTO = "io.conveyor.plugin.crypto";
    private static final String FIELDS = "io.conveyor.plugin.fields";
    private static final String ENGINE = "io.conveyor.engine";
    private static final String AGGREGATE = "io.conveyor.plugin.aggregate";
    private static final String STREAM = "io.conveyor.plugin.stream";
    private static final String PARQUET = "io.conveyor.plugin.parquet";

    @Inject
    private BundleContext context;

    @Inject
    private ConveyorRuntime runtime;

    @Configuration
    public Option[] configuration() {
        return ConveyorOptions.conveyor(FunctionDiscoveryIT.class);
    }

    @Test
    public void everyBuiltInFunctionIsListedWithItsRoleAndProvider() {
        // and the WASM modules the distribution ships, which the host loads from its folder
        String core = CORE + " " + bundle(CORE).getVersion();
        String expression = EXPRESSION + " " + bundle(EXPRESSION).getVersion();
        String reshape = RESHAPE + " " + bundle(RESHAPE).getVersion();
        String crypto = CRYPTO + " " + bundle(CRYPTO).getVersion();
        String fields = FIELDS + " " + bundle(FIELDS).getVersion();
        String engine = ENGINE + " " + bundle(ENGINE).getVersion();
        String aggregate = AGGREGATE + " " + bundle(AGGREGATE).getVersion();
        String stream = STREAM + " " + bundle(STREAM).getVersion();
        String parquet = PARQUET + " " + bundle(PARQUET).getVersion();

        List<String> functions = runtime.functions().stream()
                .map(f -> f.role + " " + f.function + " " + f.bundleSymbolicName + " " + f.bundleVersion
                        + " shadowing " + f.shadowed.size())
                .toList();

        assertEquals(List.of(
                "source csv.read " + core + " shadowing 0",
                "source echo " + ECHO + " shadowing 0",
                "source file.watch " + stream + " shadowing 0",
                "source json.read " + core + " shadowing 0",
                "source parquet.read " + parquet + " shadowing 0",
                "source pipeline.input " + engine + " shadowing 0",
                "source stage.pipeline " + engine + " shadowing 0",
                "source stdin.read " + core + " shadowing 0",
                "source stdin.stream " + stream + " shadowing 0",
                "transform aggregate.stream " + stream + " shadowing 0",
                "transform cast.apply " + reshape + " shadowing 0",
                "transform chunk.apply " + stream + " shadowing 0",
                "transform decrypt.apply " + crypto + " shadowing 0",
                "transform distinct.apply " + aggregate + " shadowing 0",
                "transform echo " + ECHO + " shadowing 0",
                "transform encrypt.apply " + crypto + " shadowing 0",
                "transform filter.apply " + expression + " shadowing 0",
                "transform groupby.apply " + aggregate + " shadowing 0",
                "transform join.apply " + aggregate + " shadowing 0",
                "transform json.extract " + fields + " shadowing 0",
                "transform limit.apply " + reshape + " shadowing 0",
                "transform map.apply " + expression + " shadowing 0",
                "transform reduce.apply " + aggregate + " shadowing 0",
                "transform rename.apply " + reshape + " shadowing 0",
                "transform rows.filter rows-filter.wasm 1.0.0 shadowing 0",
                "transform running.total running-total.wasm 1.0.0 shadowing 0",
                "transform select.apply " + reshape + " shadowing 0",
                "transform sort.apply " + reshape + " shadowing 0",
                "transform stage.pipeline " + engine + " shadowing 0",
                "transform union.apply " + reshape + " shadowing 0",
                "transform validate.schema " + fields + " shadowing 0",
                "transform window.apply " + stream + " shadowing 0",
                "sink csv.write " + core + " shadowing 0",
                "sink echo " + ECHO + " shadowing 0",
                "sink json.write " + core + " shadowing 0",
                "sink parquet.write " + parquet + " shadowing 0",
                "sink stdout.stream " + stream + " shadowing 0",
                "sink stdout.write " + core + " shadowing 0",
                "sink stdout_stream.write " + stream + " shadowing 0"), functions);
    }

    @Test
    public void listedServiceIsTheRegisteredOne() throws InvalidSyntaxException {
        ServiceReference<Transform> filter = builtInFilter();

        FunctionDTO listed = runtime.function("filter.apply").orElseThrow();

        assertEquals(filter.getProperty(Constants.SERVICE_ID), listed.serviceId);
        assertEquals(0, listed.ranking);
        assertEquals("Keeps the rows where a condition is true.", listed.summary);
    }

    @Test
    public void higherRankedServiceShadowsTheBuiltInUntilItLeaves() throws InvalidSyntaxException {
        long builtIn = (Long) builtInFilter().getProperty(Constants.SERVICE_ID);
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Stage.FUNCTION, "filter.apply");
        properties.put(Stage.ROLE, "transform");
        properties.put(Constants.SERVICE_RANKING, 10);

        ServiceRegistration<Transform> rival = context.registerService(Transform.class, new RivalFilter(), properties);
        try {
            long rivalId = (Long) rival.getReference().getProperty(Constants.SERVICE_ID);
            Await.until("the rival filter.apply to win", () -> serviceIdOf("filter.apply") == rivalId);

            FunctionDTO winner = runtime.function("filter.apply").orElseThrow();
            assertEquals(context.getBundle().getSymbolicName() + " ranking 10",
                    winner.bundleSymbolicName + " ranking " + winner.ranking);
            assertEquals(List.of(EXPRESSION + " ranking 0 service " + builtIn),
                    winner.shadowed.stream()
                            .map(s -> s.bundleSymbolicName + " ranking " + s.ranking + " service " + s.serviceId)
                            .toList());
            assertEquals("the winner is listed once, with the loser under it", 1,
                    runtime.functions().stream().filter(f -> f.function.equals("filter.apply")).count());
        } finally {
            rival.unregister();
        }

        Await.until("the built-in filter.apply to be back", () -> serviceIdOf("filter.apply") == builtIn);
        FunctionDTO restored = runtime.function("filter.apply").orElseThrow();
        assertEquals(EXPRESSION + " shadowing 0", restored.bundleSymbolicName + " shadowing " + restored.shadowed.size());
    }

    private long serviceIdOf(String function) {
        return runtime.function(function).map(f -> f.serviceId).orElse(-1L);
    }

    private ServiceReference<Transform> builtInFilter() throws InvalidSyntaxException {
        List<ServiceReference<Transform>> references = List.copyOf(
                context.getServiceReferences(Transform.class, "(" + Stage.FUNCTION + "=filter.apply)"));
        assertEquals(1, references.size());
        assertEquals(EXPRESSION, references.get(0).getBundle().getSymbolicName());
        return references.get(0);
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    /** A stand-in that only has to be listed, never run. */
    private static final class RivalFilter implements Transform {

        private static final StageDescriptor DESCRIPTOR = StageDescriptor.builder("filter.apply", StageRole.TRANSFORM)
                .description("A test double that shadows the built-in filter.")
                .build();

        @Override
        public StageDescriptor descriptor() {
            return DESCRIPTOR;
        }

        @Override
        public TransformTask open(StageConfig config, StageContext context, List<String> inputs)
                throws StageException {
            throw new StageException(ErrorCode.STAGE, "the rival filter is not meant to run");
        }
    }
}
