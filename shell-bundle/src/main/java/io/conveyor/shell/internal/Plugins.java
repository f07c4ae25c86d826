package io.conveyor.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;

import io.conveyor.api.runtime.ConveyorRuntime;
import io.conveyor.api.runtime.FunctionDTO;
import io.conveyor.api.runtime.StageUseDTO;
import io.conveyor.shell.internal.PluginReport.FunctionProviders;
import io.conveyor.shell.internal.PluginReport.Provider;
import io.conveyor.shell.internal.PluginReport.UnresolvedBundle;
import io.conveyor.shell.internal.UpgradePlan.BundleRef;
import io.conveyor.shell.internal.UpgradePlan.PausedPipeline;

/**
 * Puts together what {@code conveyor:plugins} and {@code conveyor:upgrade --dry-run} show, from
 * the runtime (functions, the stage services runs hold) and the framework (bundle wirings).
 * A run holds its services by provider ({@code bundle version}), which is how uses are matched
 * to functions and bundles.
 */
final class Plugins {

    private final ConveyorRuntime runtime;
    private final BundleWirings wirings;

    Plugins(ConveyorRuntime runtime, BundleWirings wirings) {
        this.runtime = runtime;
        this.wirings = wirings;
    }

    /**
     * Every function and unresolved bundle; with {@code names}, only the functions named so or served
     * by a bundle of that symbolic name, and the unresolved bundles of those symbolic names.
     */
    PluginReport report(List<String> names) {
        List<StageUseDTO> uses = runtime.stagesInUse();
        List<FunctionProviders> functions = new ArrayList<>();
        for (FunctionDTO function : runtime.functions()) {
            FunctionProviders providers = new FunctionProviders(function.function, function.role,
                    provider(function, uses), function.shadowed.stream().map(s -> provider(s, uses)).toList());
            if (names.isEmpty() || names.contains(function.function) || servedByAny(providers, names)) {
                functions.add(providers);
            }
        }
        Predicate<UnresolvedBundle> wanted = b -> names.isEmpty() || names.contains(b.bundleSymbolicName());
        return new PluginReport(functions, wirings.unresolved().stream().filter(wanted).toList());
    }

    private static boolean servedByAny(FunctionProviders providers, List<String> names) {
        return names.contains(providers.provider().bundleSymbolicName())
                || providers.shadowed().stream().anyMatch(p -> names.contains(p.bundleSymbolicName()));
    }

    private static Provider provider(FunctionDTO function, List<StageUseDTO> uses) {
        String name = function.bundleSymbolicName + " " + function.bundleVersion;
        List<String> usedBy = uses.stream()
                .filter(use -> use.function.equals(function.function) && use.role.equals(function.role)
                        && use.provider.equals(name))
                .map(use -> use.pipelineName).distinct().sorted().toList();
        return new Provider(function.bundleSymbolicName, function.bundleVersion, function.ranking, usedBy);
    }

    /** The bundles with this id or symbolic name, sorted by id. */
    List<Bundle> bundlesNamed(String idOrName) {
        return wirings.bundles().stream()
                .filter(b -> idOrName.equals(Long.toString(b.getBundleId())) || idOrName.equals(b.getSymbolicName()))
                .toList();
    }

    /** What upgrading {@code bundle} would refresh and pause, without doing it. */
    UpgradePlan upgradePlan(Bundle bundle) {
        List<BundleRef> refreshed = wirings.dependencyClosure(bundle).stream().map(Plugins::ref).toList();
        Set<String> providers = refreshed.stream().map(b -> b.bundleSymbolicName() + " " + b.bundleVersion())
                .collect(Collectors.toSet());
        Map<String, Set<String>> functionsByPipeline = new TreeMap<>();
        for (StageUseDTO use : runtime.stagesInUse()) {
            if (providers.contains(use.provider)) {
                functionsByPipeline.computeIfAbsent(use.pipelineName, p -> new TreeSet<>()).add(use.function);
            }
        }
        List<PausedPipeline> paused = new ArrayList<>();
        functionsByPipeline.forEach((pipeline, functions) -> paused.add(new PausedPipeline(pipeline,
                List.copyOf(functions))));
        return new UpgradePlan(ref(bundle), refreshed, paused);
    }

    private static BundleRef ref(Bundle bundle) {
        return new BundleRef(bundle.getBundleId(), bundle.getSymbolicName(), bundle.getVersion().toString());
    }
}
