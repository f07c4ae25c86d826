package io.conveyor.engine.internal.registry;

import java.util.Map;

import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageRole;

/**
 * Turns a stage service's properties into a {@link StageProvider}, or says why it must be ignored.
 * Framework-independent: properties come as a plain map.
 */
final class ProviderFactory {

    /** The outcome of checking one service: a provider, or the reason it is ignored. */
    record Checked(StageProvider provider, String rejection) {
    }

    private ProviderFactory() {
    }

    /**
     * @param boundAs the role of the interface the service was bound through
     */
    static Checked check(Map<String, ?> properties, StageRole boundAs, Stage stage, String bundleSymbolicName,
            Version bundleVersion, ServiceReference<? extends Stage> reference) {
        Object function = properties.get(Stage.FUNCTION);
        if (!(function instanceof String name) || name.isBlank()) {
            return rejected("property " + Stage.FUNCTION + " must be a non-empty string, got " + describe(function));
        }
        Object roleValue = properties.get(Stage.ROLE);
        if (!(roleValue instanceof String roleId) || StageRole.fromId(roleId) == null) {
            return rejected("property " + Stage.ROLE + " must be one of \"source\", \"transform\", \"sink\", got "
                    + describe(roleValue));
        }
        StageRole role = StageRole.fromId(roleId);
        if (role != boundAs) {
            return rejected("property " + Stage.ROLE + " is \"" + roleId + "\" but the service is a " + boundAs.id());
        }
        if (!(properties.get(Constants.SERVICE_ID) instanceof Long serviceId)) {
            return rejected("property " + Constants.SERVICE_ID + " is missing");
        }
        StageDescriptor descriptor;
        try {
            descriptor = stage.descriptor();
        } catch (Throwable e) {
            // Plugin code called from a DS bind method: nothing it throws may reach SCR.
            return rejected("descriptor() threw " + e);
        }
        if (descriptor == null) {
            return rejected("descriptor() returned null");
        }
        if (!descriptor.function().equals(name) || descriptor.role() != role) {
            return rejected("its descriptor declares " + descriptor.function() + " (" + descriptor.role().id()
                    + ") but its properties say " + name + " (" + role.id() + ")");
        }
        // OSGi: a service.ranking that is not an Integer counts as 0.
        int ranking = properties.get(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0;
        String providerName = bundleSymbolicName;
        Version providerVersion = bundleVersion;
        if (properties.get(Stage.PROVIDER) instanceof String named && !named.isBlank()) {
            providerName = named;
            providerVersion = versionOf(properties.get(Stage.PROVIDER_VERSION));
        }
        StageProvider provider = new StageProvider(new StageKey(name, role), serviceId, ranking,
                providerName, providerVersion, descriptor, stage, reference);
        return new Checked(provider, null);
    }

    /** A provider's declared version; one that is not an OSGi version counts as 0.0.0. */
    private static Version versionOf(Object text) {
        try {
            return text instanceof String s ? Version.parseVersion(s) : Version.emptyVersion;
        } catch (IllegalArgumentException e) {
            return Version.emptyVersion;
        }
    }

    private static Checked rejected(String reason) {
        return new Checked(null, reason);
    }

    private static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        return value instanceof String s ? "\"" + s + "\"" : value.getClass().getSimpleName() + " " + value;
    }
}
