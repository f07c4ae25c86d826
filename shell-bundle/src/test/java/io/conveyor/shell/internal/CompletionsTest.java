package io.conveyor.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.conveyor.api.runtime.ConveyorRuntime;
import io.conveyor.api.runtime.DeploymentDTO;
import io.conveyor.api.runtime.FunctionDTO;
import io.conveyor.api.runtime.PipelineDeployments;
import io.conveyor.api.runtime.PipelineDescriptionDTO;
import io.conveyor.api.runtime.RunRecordDTO;
import io.conveyor.api.runtime.RunningPipelineDTO;
import io.conveyor.api.runtime.StageActivityDTO;
import io.conveyor.testing.RuntimeStub;

class CompletionsTest {

    private final List<RunningPipelineDTO> running = new ArrayList<>();

    private final ConveyorRuntime runtime = new RuntimeStub() {
        @Override
        public List<RunningPipelineDTO> running() {
            return running;
        }

        @Override
        public List<FunctionDTO> functions() {
            return List.of(ShellFixtures.function("json.read", "source", "", "core", 0),
                    ShellFixtures.function("csv.read", "source", "", "core", 0),
                    ShellFixtures.function("csv.read", "source", "", "other", 5));
        }
    };

    /** Two deployed pipelines; only the calls completion makes are answered. */
    private final PipelineDeployments deployments = new PipelineDeployments() {
        @Override
        public List<DeploymentDTO> deployments() {
            return List.of(deployed("orders"), deployed("nightly"));
        }

        @Override
        public Optional<DeploymentDTO> deployment(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<DeploymentDTO> start(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<DeploymentDTO> stop(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<PipelineDescriptionDTO> describe(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<List<RunRecordDTO>> history(String name) {
            throw new UnsupportedOperationException();
        }
    };

    private final Completions completions = new Completions(runtime, Optional.of(deployments));

    /** The candidates for the last word of {@code line}; a line ending in a space completes a new word. */
    private List<String> complete(String line) {
        List<String> words = new ArrayList<>(Arrays.asList(line.split(" ")));
        if (line.endsWith(" ")) {
            words.add("");
        }
        return completions.candidates(words, words.size() - 1);
    }

    @Test
    void aDeployedPipelineArgumentCompletesToTheDeployedNamesSorted() {
        for (String command : List.of("status", "start", "stop", "history", "graph")) {
            assertEquals(List.of("nightly", "orders"), complete("conveyor:" + command + " "), command);
        }
        assertEquals(List.of("nightly", "orders"), complete("status --json "));
        assertEquals(List.of("nightly", "orders"), complete("status --json ord"));
    }

    @Test
    void nothingIsOfferedPastTheLastArgument() {
        assertEquals(List.of(), complete("conveyor:status orders "));
        assertEquals(List.of(), complete("conveyor:pipelines "));
        assertEquals(List.of(), complete("conveyor:top "));
    }

    @Test
    void withoutTheDeployerNoPipelineIsDeployed() {
        Completions outsideAServer = new Completions(runtime, Optional.empty());

        assertEquals(List.of(), outsideAServer.candidates(List.of("conveyor:status", ""), 1));
    }

    @Test
    void tapCompletesARunningPipelineThenTheStagesOfItsLatestRun() {
        running.add(run("orders", "load", "big", "save"));
        running.add(run("tail", "watch", "show"));
        running.add(run("orders", "load", "bigger", "save"));

        assertEquals(List.of("orders", "tail"), complete("conveyor:tap "));
        assertEquals(List.of("load", "bigger", "save"), complete("conveyor:tap orders "));
        assertEquals(List.of("watch", "show"), complete("tap --limit 5 tail s"));
        assertEquals(List.of(), complete("conveyor:tap gone "));
        assertEquals(List.of(), complete("conveyor:tap orders load "));
    }

    @Test
    void theValueOfAValuedOptionIsNotAnArgument() {
        running.add(run("orders", "load"));

        assertEquals(List.of(), complete("conveyor:tap --limit "));
        assertEquals(List.of(), complete("conveyor:tap --timeout 30 --limit "));
        assertEquals(List.of("orders"), complete("conveyor:tap --timeout 30 --json "));
    }

    @Test
    void anOptionTakingOneOfAFewWordsCompletesToThem() {
        assertEquals(List.of("dot", "mermaid"), complete("conveyor:graph --format "));
        assertEquals(List.of("dot", "mermaid"), complete("conveyor:graph -f m"));
        assertEquals(List.of("nightly", "orders"), complete("conveyor:graph -f mermaid "));
        assertEquals(List.of("sources", "transforms", "sinks"), complete("conveyor:list -t "));
    }

    @Test
    void infoCompletesToEachFunctionOnce() {
        assertEquals(List.of("csv.read", "json.read"), complete("conveyor:info "));
    }

    @Test
    void anUnknownCommandOrAPositionBeforeTheArgumentsHasNoCandidates() {
        assertEquals(List.of(), complete("conveyor:nosuch "));
        assertEquals(List.of(), completions.candidates(List.of("conveyor:status"), 0));
        assertEquals(List.of(), completions.candidates(List.of(), 0));
    }

    @Test
    void theDefinitionsOfTapSendItsArgumentsToTheCandidatesFunction() {
        List<String> tap = Completions.definitions().stream().filter(l -> l.startsWith("complete -c conveyor:tap "))
                .toList();

        assertEquals(List.of(
                "complete -c conveyor:tap -e",
                "complete -c conveyor:tap -l json",
                "complete -c conveyor:tap -l limit",
                "complete -c conveyor:tap -l timeout",
                "complete -c conveyor:tap -a 'conveyor:__candidates ($.commandLine words) ($.commandLine wordIndex)'"),
                tap);
    }

    @Test
    void aPipelineFileCompletesAsAFileAndACommandWithoutArgumentsOnlyItsOptions() {
        List<String> lines = Completions.definitions();

        assertEquals(List.of("complete -c conveyor:run -e", "complete -c conveyor:run -l json",
                "complete -c conveyor:run -a '__files'"),
                lines.stream().filter(l -> l.startsWith("complete -c conveyor:run ")).toList());
        assertEquals(List.of("complete -c conveyor:top -e", "complete -c conveyor:top -l json",
                "complete -c conveyor:top -l watch"),
                lines.stream().filter(l -> l.startsWith("complete -c conveyor:top ")).toList());
        assertEquals(List.of("complete -c conveyor:list -e", "complete -c conveyor:list -l json",
                "complete -c conveyor:list -s t -l type",
                "complete -c conveyor:list -a 'conveyor:__candidates ($.commandLine words) ($.commandLine wordIndex)'"),
                lines.stream().filter(l -> l.startsWith("complete -c conveyor:list ")).toList());
    }

    /**
     * The options Tab offers are those the commands take: each one, given to its command, is not
     * refused as unknown (the command stops at its surplus arguments instead). (plugins and upgrade parse their options in {@link PluginCommands},
     * which needs a framework: ShellCommandsIT runs them.)
     */
    @Test
    void everyOptionOfferedIsOneTheCommandTakes() {
        CommandLine commands = new CommandLine(runtime, Optional.of(deployments));
        for (Completions.Shape shape : Completions.SHAPES) {
            if (List.of("plugins", "upgrade").contains(shape.command())) {
                continue;
            }
            for (Completions.Option option : shape.options()) {
                for (String written : written(option)) {
                    List<String> line = new ArrayList<>(List.of(shape.command(), written));
                    if (option.valued()) {
                        line.add(option.values().isEmpty() ? "1" : option.values().get(0));
                    }
                    line.addAll(List.of("a", "b", "c")); // more arguments than any command takes: none runs
                    String err = errorOf(commands, line);
                    assertFalse(err.contains("unknown option"), line + ": " + err);
                }
            }
        }
    }

    private static List<String> written(Completions.Option option) {
        return option.shortName() == null ? List.of("--" + option.name())
                : List.of("--" + option.name(), "-" + option.shortName());
    }

    private static String errorOf(CommandLine commands, List<String> line) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try {
            commands.execute(line, new CommandLine.Session(new ByteArrayInputStream(new byte[0]), sink, sink,
                    new PrintStream(err, true, StandardCharsets.UTF_8), Path.of("."), Map.of()));
        } catch (RuntimeException e) {
            return "";
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    private static DeploymentDTO deployed(String name) {
        DeploymentDTO dto = new DeploymentDTO();
        dto.name = name;
        return dto;
    }

    private static RunningPipelineDTO run(String pipeline, String... stages) {
        RunningPipelineDTO run = new RunningPipelineDTO();
        run.pipelineName = pipeline;
        for (String id : stages) {
            StageActivityDTO stage = new StageActivityDTO();
            stage.stageId = id;
            run.stages.add(stage);
        }
        return run;
    }
}
