package io.conveyor.shell.internal;

import java.util.List;

/**
 * What {@code conveyor:plugins} shows: who serves each function and which running pipelines use
 * it, and the bundles that did not resolve, with what they need that the runtime does not offer.
 *
 * @param functions  sorted by role, then name
 * @param unresolved sorted by bundle id
 */
public record PluginReport(List<FunctionProviders> functions, List<UnresolvedBundle> unresolved) {

    /** One function in one role: the winning provider, then the shadowed ones, best first. */
    public record FunctionProviders(String function, String role, Provider provider, List<Provider> shadowed) {
    }

    /**
     * A bundle serving a function.
     *
     * @param usedBy the running pipelines whose runs hold this provider's service, sorted
     */
    public record Provider(String bundleSymbolicName, String bundleVersion, int ranking, List<String> usedBy) {

        /** {@code io.conveyor.plugin.core 0.1.0}, as run reports name providers. */
        public String name() {
            return bundleSymbolicName + " " + bundleVersion;
        }
    }

    /** An installed bundle the framework could not resolve. */
    public record UnresolvedBundle(long bundleId, String bundleSymbolicName, String bundleVersion,
            List<Unsatisfied> unsatisfied) {
    }

    /**
     * A requirement no resolved bundle satisfies.
     *
     * @param namespace {@code osgi.wiring.package} for an imported package, or another namespace
     * @param name      the package, or the requirement's filter for other namespaces
     * @param needed    the version range the bundle imports, e.g. {@code [2.0.0,3.0.0)}, or
     *                  {@code null} when it is not a package or any version will do
     * @param offered   the versions of the package resolved bundles export, sorted; empty if none
     */
    public record Unsatisfied(String namespace, String name, String needed, List<String> offered) {
    }
}
