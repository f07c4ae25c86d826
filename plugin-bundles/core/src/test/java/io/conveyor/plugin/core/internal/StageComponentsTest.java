package io.conveyor.plugin.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.conveyor.api.stage.Parameter;
import io.conveyor.api.stage.Sink;
import io.conveyor.api.stage.Source;
import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.Transform;

/**
 * Reads the component descriptions bnd generated (target/classes/OSGI-INF) and checks each stage
 * the way the engine's registry will: properties present, descriptor agreeing with them, the
 * service interface matching the role; and that every stage documents itself fully.
 */
class StageComponentsTest {

    private static final Path OSGI_INF = Path.of("target/classes/OSGI-INF");

    private record Declared(String implementation, String function, String role, String service) {
    }

    private static List<Declared> components() throws Exception {
        try (Stream<Path> files = Files.list(OSGI_INF)) {
            return files.filter(f -> f.toString().endsWith(".xml")).sorted().map(StageComponentsTest::parse).toList();
        }
    }

    private static Declared parse(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
            Map<String, String> properties = new HashMap<>();
            NodeList nodes = xml.getElementsByTagName("property");
            for (int i = 0; i < nodes.getLength(); i++) {
                Element property = (Element) nodes.item(i);
                properties.put(property.getAttribute("name"), property.getAttribute("value"));
            }
            String implementation = ((Element) xml.getElementsByTagName("implementation").item(0)).getAttribute("class");
            String service = ((Element) xml.getElementsByTagName("provide").item(0)).getAttribute("interface");
            return new Declared(implementation, properties.get(Stage.FUNCTION), properties.get(Stage.ROLE), service);
        } catch (Exception e) {
            throw new IllegalStateException(file.toString(), e);
        }
    }

    @Test
    void theBundleRegistersTheEightBuiltInStages() throws Exception {
        assertEquals(List.of("csv.read/source", "csv.write/sink", "filter.apply/transform", "json.read/source",
                "json.write/sink", "select.apply/transform", "stdin.read/source", "stdout.write/sink"),
                components().stream().map(c -> c.function() + "/" + c.role()).sorted().toList());
    }

    @Test
    void everyDescriptorAgreesWithItsServicePropertiesAndInterface() throws Exception {
        for (Declared declared : components()) {
            Stage stage = (Stage) Class.forName(declared.implementation()).getConstructor().newInstance();
            StageDescriptor descriptor = stage.descriptor();
            assertEquals(declared.function(), descriptor.function(), declared.implementation());
            assertEquals(declared.role(), descriptor.role().id(), declared.implementation());
            Class<?> expected = switch (descriptor.role()) {
                case SOURCE -> Source.class;
                case TRANSFORM -> Transform.class;
                case SINK -> Sink.class;
            };
            assertEquals(expected.getName(), declared.service(), declared.implementation());
            assertTrue(expected.isInstance(stage), declared.implementation());
        }
    }

    @Test
    void everyStageDocumentsItsParametersAndHasAnExample() throws Exception {
        for (Declared declared : components()) {
            StageDescriptor descriptor = ((Stage) Class.forName(declared.implementation()).getConstructor()
                    .newInstance()).descriptor();
            String function = descriptor.function();
            assertTrue(descriptor.description().contains(". "), function + ": summary sentence, then details");
            assertFalse(descriptor.examples().isEmpty(), function + ": at least one example");
            descriptor.examples().forEach(example -> assertTrue(
                    example.toml().contains("function = \"" + function + "\""), function + ": " + example.title()));
            for (Parameter parameter : descriptor.parameters()) {
                assertFalse(parameter.description().isBlank(), function + "." + parameter.name());
                assertNotNull(parameter.example(), function + "." + parameter.name());
            }
        }
    }
}
