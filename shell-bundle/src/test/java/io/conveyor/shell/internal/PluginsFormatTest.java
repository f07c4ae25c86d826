package io.conveyor.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.conveyor.shell.internal.PluginReport.FunctionProviders;
import io.conveyor.shell.internal.PluginReport.Provider;
import io.conveyor.shell.internal.PluginReport.UnresolvedBundle;
import io.conveyor.shell.internal.PluginReport.Unsatisfied;
import io.conveyor.shell.internal.UpgradePlan.BundleRef;
import io.conveyor.shell.internal.UpgradePlan.PausedPipeline;

class PluginsFormatTest {

    private static final String EXTENDER = "(&(osgi.extender=osgi.component)(version>=1.5.0)(!(version>=2.0.0)))";

    private final PluginsFormat format = new PluginsFormat();

    private static PluginReport report() {
        FunctionProviders csv = new FunctionProviders("csv.read", "source",
                new Provider("io.conveyor.plugin.core", "0.1.0", 0, List.of()), List.of());
        FunctionProviders stamp = new FunctionProviders("stamp.apply", "transform",
                new Provider("io.conveyor.itests.stamp", "2.0.0", 0, List.of("nightly", "stamped")),
                List.of(new Provider("io.conveyor.itests.stamp", "1.0.0", 0, List.of("old")),
                        new Provider("io.example.stamp", "3.0.0", -1, List.of())));
        UnresolvedBundle future = new UnresolvedBundle(42, "io.conveyor.itests.future", "1.0.0", List.of(
                new Unsatisfied("osgi.wiring.package", "io.conveyor.api.stage", "[2.0.0,3.0.0)", List.of("1.1.0")),
                new Unsatisfied("osgi.wiring.package", "io.example.missing", null, List.of()),
                new Unsatisfied("osgi.extender", EXTENDER, null, List.of())));
        UnresolvedBundle pending = new UnresolvedBundle(43, "io.example.pending", "1.0.0", List.of());
        return new PluginReport(List.of(csv, stamp), List.of(future, pending));
    }

    @Test
    void pluginsListFunctionsWithProvidersAndUsersThenUnresolvedBundlesWithWhatTheyNeed() {
        assertEquals("""
                Functions
                  csv.read     source     io.conveyor.plugin.core 0.1.0
                  stamp.apply  transform  io.conveyor.itests.stamp 2.0.0  used by nightly, stamped
                    shadowed: io.conveyor.itests.stamp 1.0.0, used by old
                    shadowed: io.example.stamp 3.0.0 (ranking -1)

                Unresolved bundles
                  io.conveyor.itests.future 1.0.0 (bundle 42)
                    needs io.conveyor.api.stage [2.0.0,3.0.0), the runtime offers 1.1.0
                    needs io.example.missing (any version), the runtime offers none
                    needs osgi.extender %s
                  io.example.pending 1.0.0 (bundle 43)
                    nothing it needs is missing; not resolved yet
                """.formatted(EXTENDER), format.text(report()));
    }

    @Test
    void emptySectionsSayNone() {
        assertEquals("""
                Functions
                  none

                Unresolved bundles
                  none
                """, format.text(new PluginReport(List.of(), List.of())));
    }

    @Test
    void pluginsAsJsonKeepTheRecordsShape() {
        PluginReport report = new PluginReport(List.of(report().functions().get(0)),
                List.of(new UnresolvedBundle(42, "io.conveyor.itests.future", "1.0.0", List.of(new Unsatisfied(
                        "osgi.wiring.package", "io.conveyor.api.stage", "[2.0.0,3.0.0)", List.of("1.1.0"))))));

        assertEquals("""
                {
                  "functions" : [ {
                    "function" : "csv.read",
                    "role" : "source",
                    "provider" : {
                      "bundleSymbolicName" : "io.conveyor.plugin.core",
                      "bundleVersion" : "0.1.0",
                      "ranking" : 0,
                      "usedBy" : [ ]
                    },
                    "shadowed" : [ ]
                  } ],
                  "unresolved" : [ {
                    "bundleId" : 42,
                    "bundleSymbolicName" : "io.conveyor.itests.future",
                    "bundleVersion" : "1.0.0",
                    "unsatisfied" : [ {
                      "namespace" : "osgi.wiring.package",
                      "name" : "io.conveyor.api.stage",
                      "needed" : "[2.0.0,3.0.0)",
                      "offered" : [ "1.1.0" ]
                    } ]
                  } ]
                }
                """, format.json(report));
    }

    @Test
    void upgradeDryRunAsJson() {
        BundleRef kit = new BundleRef(9, "io.conveyor.plugin.kit", "0.1.0");
        UpgradePlan plan = new UpgradePlan(kit, List.of(kit), List.of(new PausedPipeline("nightly",
                List.of("csv.read"))));

        assertEquals("""
                {
                  "bundle" : {
                    "bundleId" : 9,
                    "bundleSymbolicName" : "io.conveyor.plugin.kit",
                    "bundleVersion" : "0.1.0"
                  },
                  "refreshed" : [ {
                    "bundleId" : 9,
                    "bundleSymbolicName" : "io.conveyor.plugin.kit",
                    "bundleVersion" : "0.1.0"
                  } ],
                  "paused" : [ {
                    "pipelineName" : "nightly",
                    "functions" : [ "csv.read" ]
                  } ]
                }
                """, format.json(plan));
    }

    @Test
    void upgradeDryRunListsTheRefreshedBundlesThenThePausedPipelines() {
        UpgradePlan plan = new UpgradePlan(new BundleRef(9, "io.conveyor.plugin.kit", "0.1.0"),
                List.of(new BundleRef(9, "io.conveyor.plugin.kit", "0.1.0"),
                        new BundleRef(21, "io.conveyor.plugin.core", "0.1.0")),
                List.of(new PausedPipeline("nightly", List.of("csv.read", "csv.write")),
                        new PausedPipeline("stamped", List.of("csv.read"))));

        assertEquals("""
                upgrade io.conveyor.plugin.kit 0.1.0 (bundle 9), dry run: nothing was changed

                Bundles that would be refreshed
                   9  io.conveyor.plugin.kit 0.1.0
                  21  io.conveyor.plugin.core 0.1.0

                Running pipelines that would pause
                  nightly  csv.read, csv.write
                  stamped  csv.read
                """, format.text(plan));
    }

    @Test
    void upgradeDryRunWithNothingRunningSaysNone() {
        BundleRef kit = new BundleRef(9, "io.conveyor.plugin.kit", "0.1.0");

        assertEquals("""
                upgrade io.conveyor.plugin.kit 0.1.0 (bundle 9), dry run: nothing was changed

                Bundles that would be refreshed
                  9  io.conveyor.plugin.kit 0.1.0

                Running pipelines that would pause
                  none
                """, format.text(new UpgradePlan(kit, List.of(kit), List.of())));
    }
}
