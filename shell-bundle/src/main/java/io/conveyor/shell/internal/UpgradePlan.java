package io.conveyor.shell.internal;

import java.util.List;

/**
 * What upgrading a bundle would do ({@code conveyor:upgrade --dry-run}): the bundles a refresh
 * would restart, and the running pipelines holding a stage service of one of them.
 *
 * @param refreshed the bundle and every bundle wired to it, directly or not, sorted by id
 * @param paused    sorted by pipeline name
 */
public record UpgradePlan(BundleRef bundle, List<BundleRef> refreshed, List<PausedPipeline> paused) {

    public record BundleRef(long bundleId, String bundleSymbolicName, String bundleVersion) {
    }

    /** @param functions the functions it uses from the refreshed bundles, sorted */
    public record PausedPipeline(String pipelineName, List<String> functions) {
    }
}
