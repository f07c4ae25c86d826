package io.conveyor.engine.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageRole;

class ProviderFactoryTest {

    private static final Stage CSV_READ = () -> StageDescriptor.builder("csv.read", StageRole.SOURCE).build();

    private static Map<String, Object> properties(Object function, Object role) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(Stage.FUNCTION, function);
        properties.put(Stage.ROLE, role);
        properties.put("service.id", 42L);
        return properties;
    }

    private static ProviderFactory.Checked check(Map<String, Object> properties, StageRole boundAs, Stage stage) {
        return ProviderFactory.check(properties, boundAs, stage, "io.x", Version.parseVersion("1.2.3"), null);
    }

    @Test
    void acceptsAServiceWhosePropertiesMatchItsDescriptor() {
        Map<String, Object> properties = properties("csv.read", "source");
        properties.put("service.ranking", 7);
        StageProvider provider = check(properties, StageRole.SOURCE, CSV_READ).provider();
        assertEquals(new StageKey("csv.read", StageRole.SOURCE), provider.key());
        assertEquals(42L, provider.serviceId());
        assertEquals(7, provider.ranking());
        assertEquals("io.x 1.2.3", provider.providerName());
    }

    @Test
    void aServiceRegisteredOnBehalfOfAModuleIsNamedAfterIt() {
        Map<String, Object> properties = properties("csv.read", "source");
        properties.put(Stage.PROVIDER, "reader.wasm");
        properties.put(Stage.PROVIDER_VERSION, "2.0.1");
        assertEquals("reader.wasm 2.0.1", check(properties, StageRole.SOURCE, CSV_READ).provider().providerName());
        properties.put(Stage.PROVIDER_VERSION, "two");
        assertEquals("reader.wasm 0.0.0", check(properties, StageRole.SOURCE, CSV_READ).provider().providerName());
    }

    @Test
    void rankingThatIsNotAnIntegerCountsAsZero() {
        Map<String, Object> properties = properties("csv.read", "source");
        properties.put("service.ranking", "7");
        assertEquals(0, check(properties, StageRole.SOURCE, CSV_READ).provider().ranking());
    }

    @Test
    void rejectsMissingFunction() {
        ProviderFactory.Checked checked = check(properties(null, "source"), StageRole.SOURCE, CSV_READ);
        assertNull(checked.provider());
        assertEquals("property conveyor.function must be a non-empty string, got nothing", checked.rejection());
    }

    @Test
    void rejectsIllTypedFunction() {
        assertEquals("property conveyor.function must be a non-empty string, got Integer 3",
                check(properties(3, "source"), StageRole.SOURCE, CSV_READ).rejection());
    }

    @Test
    void rejectsUnknownRole() {
        assertEquals("property conveyor.role must be one of \"source\", \"transform\", \"sink\", got \"reader\"",
                check(properties("csv.read", "reader"), StageRole.SOURCE, CSV_READ).rejection());
    }

    @Test
    void rejectsRoleThatDisagreesWithTheServiceInterface() {
        assertEquals("property conveyor.role is \"sink\" but the service is a source",
                check(properties("csv.read", "sink"), StageRole.SOURCE, CSV_READ).rejection());
    }

    @Test
    void rejectsDescriptorThatDisagreesWithTheProperties() {
        assertEquals("its descriptor declares csv.read (source) but its properties say csv.raed (source)",
                check(properties("csv.raed", "source"), StageRole.SOURCE, CSV_READ).rejection());
    }

    @Test
    void rejectsDescriptorThatThrowsAnError() {
        Stage broken = () -> {
            throw new NoClassDefFoundError("io/x/Missing");
        };
        assertEquals("descriptor() threw java.lang.NoClassDefFoundError: io/x/Missing",
                check(properties("csv.read", "source"), StageRole.SOURCE, broken).rejection());
    }

    @Test
    void rejectsDescriptorThatThrows() {
        Stage broken = () -> {
            throw new IllegalStateException("boom");
        };
        assertEquals("descriptor() threw java.lang.IllegalStateException: boom",
                check(properties("csv.read", "source"), StageRole.SOURCE, broken).rejection());
    }
}
