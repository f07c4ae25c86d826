package io.conveyor.shell.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Namespace;

import io.conveyor.shell.internal.PluginReport.UnresolvedBundle;
import io.conveyor.shell.internal.PluginReport.Unsatisfied;

/**
 * What the framework says about bundles, read through the wiring API: which installed bundles did
 * not resolve and why, and what a refresh of a bundle would take with it.
 *
 * <p>A bundle stays {@code INSTALLED} when one of its requirements has no provider among the
 * resolved bundles; for a plugin built against another major version of the API that is the
 * {@code Import-Package} of {@code io.conveyor.api.stage}, whose range excludes the version the
 * API bundle exports.
 */
final class BundleWirings {

    private final BundleContext context;

    BundleWirings(BundleContext context) {
        this.context = context;
    }

    /** Every bundle, sorted by id. */
    List<Bundle> bundles() {
        List<Bundle> bundles = new ArrayList<>(List.of(context.getBundles()));
        bundles.sort(Comparator.comparingLong(Bundle::getBundleId));
        return bundles;
    }

    /** The installed bundles that are not resolved, with the requirements no resolved bundle satisfies. */
    List<UnresolvedBundle> unresolved() {
        List<UnresolvedBundle> unresolved = new ArrayList<>();
        for (Bundle bundle : bundles()) {
            BundleRevision revision = bundle.adapt(BundleRevision.class);
            if (bundle.getState() != Bundle.INSTALLED || revision == null) {
                continue;
            }
            List<Unsatisfied> unsatisfied = new ArrayList<>();
            for (BundleRequirement requirement : revision.getDeclaredRequirements(null)) {
                if (appliesAtResolution(requirement) && !hasResolvedProvider(requirement)) {
                    unsatisfied.add(unsatisfied(requirement));
                }
            }
            unresolved.add(new UnresolvedBundle(bundle.getBundleId(), bundle.getSymbolicName(),
                    bundle.getVersion().toString(), unsatisfied));
        }
        return unresolved;
    }

    /** The bundle and every bundle wired to it, directly or not: what refreshing it restarts. */
    List<Bundle> dependencyClosure(Bundle bundle) {
        Collection<Bundle> closure = frameworkWiring().getDependencyClosure(List.of(bundle));
        List<Bundle> sorted = new ArrayList<>(closure);
        sorted.sort(Comparator.comparingLong(Bundle::getBundleId));
        return sorted;
    }

    private FrameworkWiring frameworkWiring() {
        return context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
    }

    /** Mandatory and effective at resolve time: not optional, not a dynamic import, not {@code effective:=active}. */
    private static boolean appliesAtResolution(BundleRequirement requirement) {
        Map<String, String> directives = requirement.getDirectives();
        return Namespace.RESOLUTION_MANDATORY.equals(directives.getOrDefault(
                        Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE, Namespace.RESOLUTION_MANDATORY))
                && Namespace.EFFECTIVE_RESOLVE.equals(directives.getOrDefault(
                        Namespace.REQUIREMENT_EFFECTIVE_DIRECTIVE, Namespace.EFFECTIVE_RESOLVE));
    }

    private boolean hasResolvedProvider(BundleRequirement requirement) {
        return frameworkWiring().findProviders(requirement).stream()
                .anyMatch(capability -> capability.getRevision().getWiring() != null);
    }

    private Unsatisfied unsatisfied(BundleRequirement requirement) {
        String filter = requirement.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE);
        if (!PackageNamespace.PACKAGE_NAMESPACE.equals(requirement.getNamespace())) {
            return new Unsatisfied(requirement.getNamespace(), filter, null, List.of());
        }
        String name = FilterRange.packageName(filter);
        return new Unsatisfied(requirement.getNamespace(), name, FilterRange.versionRange(filter),
                exportedVersions(name));
    }

    /** The versions of {@code packageName} that resolved bundles export, the system bundle included. */
    private List<String> exportedVersions(String packageName) {
        TreeSet<Version> versions = new TreeSet<>();
        for (Bundle bundle : bundles()) {
            BundleWiring wiring = bundle.adapt(BundleWiring.class);
            if (wiring == null) {
                continue;
            }
            for (BundleCapability capability : wiring.getCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
                Map<String, Object> attributes = capability.getAttributes();
                if (packageName.equals(attributes.get(PackageNamespace.PACKAGE_NAMESPACE))
                        && attributes.get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE)
                                instanceof Version version) {
                    versions.add(version);
                }
            }
        }
        return versions.stream().map(Object::toString).toList();
    }
}
