package io.conveyor.engine.internal.registry;

import java.util.Comparator;

import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageDescriptor;

/**
 * One stage service as the registry sees it.
 *
 * @param descriptor what the service declared when it was bound (checked against its properties)
 * @param stage      the registry's own instance, used for {@link Stage#validate}; runs get their
 *                   own instances through {@link #reference}
 * @param reference  the service reference, or {@code null} outside a framework (tests)
 */
public record StageProvider(StageKey key, long serviceId, int ranking, String bundleSymbolicName,
        Version bundleVersion, StageDescriptor descriptor, Stage stage,
        ServiceReference<? extends Stage> reference) {

    /**
     * Best first: higher {@code service.ranking}, then higher bundle version, then the older
     * service (lower {@code service.id}).
     */
    public static final Comparator<StageProvider> PRECEDENCE = Comparator
            .comparingInt(StageProvider::ranking).reversed()
            .thenComparing(StageProvider::bundleVersion, Comparator.reverseOrder())
            .thenComparingLong(StageProvider::serviceId);

    /** The bundle and version, as reports and listings show them: {@code io.conveyor.plugin.core 0.1.0}. */
    public String providerName() {
        return bundleSymbolicName + " " + bundleVersion;
    }
}
