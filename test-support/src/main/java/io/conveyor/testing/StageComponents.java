package io.conveyor.testing;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

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
 * Reads the component descriptions bnd generated for a plugin bundle ({@code target/classes/OSGI-INF})
 * and checks each stage the way the engine's registry will: properties present, descriptor agreeing
 * with them, the service interface matching the role; and that every stage documents itself fully
 * (a summary sentence, a description and an example for every parameter, at least one worked
 * example that uses the function).
 */
public final class StageComponents {

    private static final Path OSGI_INF = Path.of("target/classes/OSGI-INF");

    private StageComponents() {
    }

    /**
     * Checks every stage component of the module under test and returns {@code function/role}
     * of each, sorted.
     *
     * @throws AssertionError listing every problem found
     */
    public static List<String> checkAll() throws Exception {
        List<String> problems = new ArrayList<>();
        List<String> stages = new ArrayList<>();
        for (Path file : componentFiles()) {
            Declared declared = parse(file);
            if (declared.function() == null) {
                continue; // a component that is not a stage
            }
            stages.add(declared.function() + "/" + declared.role());
            check(declared, problems);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("\n", problems));
        }
        return stages.stream().sorted().toList();
    }

    private record Declared(String implementation, String function, String role, String service) {
    }

    private static List<Path> componentFiles() throws Exception {
        try (Stream<Path> files = Files.list(OSGI_INF)) {
            return files.filter(f -> f.toString().endsWith(".xml")).sorted().toList();
        }
    }

    private static Declared parse(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
            Map<String, String> properties = new HashMap<>();
            NodeList nodes = xml.getElementsByTagName("property");
            for (int i = 0; i < nodes.getLength(); i++) {
                Element property = (Element) nodes.item(i);
                properties.put(property.getAttribute("name"), property.getAttribute("value"));
            }
            String implementation = ((Element) xml.getElementsByTagName("implementation").item(0)).getAttribute("class");
            NodeList provides = xml.getElementsByTagName("provide");
            String service = provides.getLength() == 0 ? null : ((Element) provides.item(0)).getAttribute("interface");
            return new Declared(implementation, properties.get(Stage.FUNCTION), properties.get(Stage.ROLE), service);
        }
    }

    private static void check(Declared declared, List<String> problems) throws Exception {
        String where = declared.implementation() + ": ";
        Stage stage = (Stage) Class.forName(declared.implementation()).getConstructor().newInstance();
        StageDescriptor descriptor = stage.descriptor();
        String function = descriptor.function();
        expect(declared.function().equals(function), where + "descriptor function " + function, problems);
        expect(declared.role().equals(descriptor.role().id()), where + "descriptor role " + descriptor.role(), problems);
        Class<?> expected = switch (descriptor.role()) {
            case SOURCE -> Source.class;
            case TRANSFORM -> Transform.class;
            case SINK -> Sink.class;
        };
        expect(expected.getName().equals(declared.service()), where + "provides " + declared.service(), problems);
        expect(expected.isInstance(stage), where + "does not implement " + expected.getSimpleName(), problems);
        expect(descriptor.description().contains(". "), where + "description needs a summary sentence, then details",
                problems);
        expect(!descriptor.examples().isEmpty(), where + "needs at least one example", problems);
        descriptor.examples().forEach(example -> expect(example.toml().contains("function = \"" + function + "\""),
                where + "example '" + example.title() + "' does not use " + function, problems));
        for (Parameter parameter : descriptor.parameters()) {
            expect(!parameter.description().isBlank(), where + parameter.name() + " has no description", problems);
            expect(parameter.example() != null, where + parameter.name() + " has no example", problems);
        }
    }

    private static void expect(boolean ok, String problem, List<String> problems) {
        if (!ok) {
            problems.add(problem);
        }
    }
}
