package io.conveyor.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import io.conveyor.api.runtime.ConveyorRuntime;
import io.conveyor.api.runtime.ExampleDTO;
import io.conveyor.api.runtime.FunctionDTO;
import io.conveyor.api.runtime.ValidationDTO;

/**
 * The pipelines the documentation shows are valid: every TOML block of README.md and docs/ that
 * is a whole pipeline, and every example a function declares (shown by {@code conveyor info}).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DocumentationIT {

    private static final Pattern TOML_BLOCK = Pattern.compile("```toml\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern STAGE_INPUTS = Pattern.compile("inputs\\s*=\\s*\\[([^\\]]*)\\]");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

    @Inject
    private ConveyorRuntime runtime;

    @Configuration
    public Option[] configuration() {
        return ConveyorOptions.conveyor(DocumentationIT.class);
    }

    @Test
    public void everyPipelineInTheDocumentationIsValid() throws IOException {
        Path work = TestPaths.newWorkFolder("docs");
        List<String> invalid = new ArrayList<>();
        int checked = 0;
        for (Path page : documentationPages()) {
            Matcher block = TOML_BLOCK.matcher(Files.readString(page));
            while (block.find()) {
                if (!block.group(1).contains("[pipeline]")) {
                    continue; // a fragment, not a whole pipeline
                }
                checked++;
                Path pipeline = Runs.write(work.resolve("block-" + checked + ".toml"), block.group(1));
                invalid.addAll(problems(page.getFileName() + " block " + checked, pipeline, work));
            }
        }
        assertEquals(List.of(), invalid);
        assertFalse("the documentation shows at least one whole pipeline", checked == 0);
    }

    @Test
    public void everyDeclaredExampleOfEveryFunctionIsValid() {
        Path work = TestPaths.newWorkFolder("function-examples");
        List<String> invalid = new ArrayList<>();
        int checked = 0;
        for (FunctionDTO function : runtime.functions()) {
            for (ExampleDTO example : function.examples) {
                checked++;
                Path pipeline = Runs.write(work.resolve("example-" + checked + ".toml"), pipelineAround(example));
                invalid.addAll(problems(function.function + " example '" + example.title + "'", pipeline, work));
            }
        }
        assertEquals(List.of(), invalid);
        assertFalse("functions declare examples", checked == 0);
    }

    private List<String> problems(String what, Path pipeline, Path work) {
        ValidationDTO validation = runtime.validate(Runs.request(pipeline, work));
        return validation.problems.stream().map(p -> what + ": " + p.message).toList();
    }

    private static List<Path> documentationPages() throws IOException {
        Path root = TestPaths.repository();
        List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /**
     * A pipeline holding the example's stage, with a CSV source standing in for each input it
     * names, so the example is checked as it is written.
     */
    private static String pipelineAround(ExampleDTO example) {
        StringBuilder toml = new StringBuilder("[pipeline]\nname = \"example\"\n\n");
        for (String input : inputsOf(example.toml)) {
            toml.append("[[stages]]\nid = \"").append(input).append("\"\nfunction = \"csv.read\"\n\n")
                    .append("[stages.config]\npath = \"").append(input).append(".csv\"\n\n");
        }
        return toml.append(example.toml).toString();
    }

    private static Set<String> inputsOf(String stageToml) {
        Set<String> inputs = new LinkedHashSet<>();
        Matcher list = STAGE_INPUTS.matcher(stageToml);
        while (list.find()) {
            Matcher name = QUOTED.matcher(list.group(1));
            while (name.find()) {
                inputs.add(name.group(1));
            }
        }
        return inputs;
    }
}
