package io.conveyor.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

import io.conveyor.api.runtime.ConveyorRuntime;
import io.conveyor.api.runtime.DeploymentDTO;
import io.conveyor.api.runtime.PipelineDeployments;
import io.conveyor.api.runtime.ProblemDTO;
import io.conveyor.api.runtime.RunRecordDTO;

/**
 * Pipeline files dropped into the watched folder are deployed, redeployed when changed, kept
 * running when a change is invalid, and undeployed when deleted; schedules and continuous runs
 * are driven through the deployer and the {@code conveyor:} commands.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PipelineDeploymentIT {

    @Inject
    private BundleContext context;

    @Inject
    private ConveyorRuntime runtime;

    @Inject
    private PipelineDeployments deployments;

    @Inject
    private CommandProcessor processor;

    private DeployFolder folder;
    private Path pipelines;
    private Path work;

    @Configuration
    public Option[] configuration() {
        return ConveyorOptions.conveyor(PipelineDeploymentIT.class);
    }

    @Before
    public void prepare() {
        pipelines = Path.of(context.getProperty(ConveyorOptions.PIPELINES_DIR));
        folder = new DeployFolder(pipelines);
        work = TestPaths.newWorkFolder("deployed");
        Runs.write(work.resolve("in.csv"), "id,amount\n1,50\n2,150\n3,250\n");
    }

    @After
    public void undeployAll() {
        for (DeploymentDTO deployment : deployments.deployments()) {
            folder.remove(deployment.name + ".toml");
        }
        Await.until("every pipeline to be undeployed", () -> deployments.deployments().isEmpty());
    }

    @Test
    public void droppedChangedInvalidAndDeletedFilesAreDeployedRedeployedKeptAndUndeployed() throws Exception {
        drop("copy", copy(null));
        RunRecordDTO first = awaitRun("copy", 1);
        assertEquals(List.of("deploy", "SUCCEEDED"), List.of(first.trigger, first.outcome));
        assertEquals("id,amount\n1,50\n2,150\n3,250\n", Runs.read(work.resolve("out.csv")));

        drop("copy", copy("amount >= 100"));
        RunRecordDTO second = awaitRun("copy", 2);
        assertEquals("SUCCEEDED", second.outcome);
        assertEquals("id,amount\n2,150\n3,250\n", Runs.read(work.resolve("out.csv")));
        assertEquals(List.of("load 3", "big 2", "save 2"), second.stages.stream()
                .map(s -> s.stageId + " " + ("sink".equals(s.role) ? s.rowsIn : s.rowsOut)).toList());

        Path invalid = drop("copy", copy(null).replace("csv.write", "csv.wirte"));
        Await.until("the invalid change to be rejected", () -> !deployment("copy").problems.isEmpty());
        DeploymentDTO kept = deployment("copy");
        assertEquals(DeploymentDTO.IDLE, kept.state);
        assertEquals(2, kept.lastRun.number);
        String file = kept.file;
        assertEquals(lines(runtime.validate(Runs.request(Path.of(file), Path.of("").toAbsolutePath())).problems),
                lines(kept.problems));
        assertEquals(List.of(file + ":13:1: error[PLUGIN]: stage 'save': function 'csv.wirte' is not available"
                + " (did you mean 'csv.write'?)"), lines(kept.problems));
        assertTrue(execute("conveyor:pipelines"), execute("conveyor:pipelines").contains(
                "  rejected: " + file + ":13:1: error[PLUGIN]: stage 'save': function 'csv.wirte' is not available"));
        assertTrue(invalid.toFile().exists());

        folder.remove("copy.toml");
        Await.until("copy to be undeployed", () -> deployments.deployment("copy").isEmpty());
        assertEquals("No pipelines deployed.\n", execute("conveyor:pipelines"));
    }

    @Test
    public void anIntervalPipelineRunsRepeatedlyUntilStoppedAndAgainWhenStarted() throws Exception {
        drop("ticks", scheduled(copy(null), "interval = \"200ms\""));
        awaitRun("ticks", 3);

        String stopped = execute("conveyor:stop ticks");
        assertTrue(stopped, stopped.matches("ticks: (STOPPED|RUNNING \\(run #\\d+\\))\n"));
        Await.until("ticks to stop", () -> deployment("ticks").state.equals(DeploymentDTO.STOPPED));
        long stoppedAt = deployment("ticks").lastRun.number;
        assertEquals(0, deployment("ticks").nextRunAt);

        execute("conveyor:start ticks");
        RunRecordDTO started = awaitRun("ticks", stoppedAt + 1);
        assertEquals("start", started.trigger);
        awaitRun("ticks", stoppedAt + 2);
        assertEquals("schedule", deployments.history("ticks").orElseThrow().get(0).trigger);
    }

    @Test
    public void aCronPipelineRunsAtEachMatchingTimeAndShowsTheNextOne() throws Exception {
        drop("each", scheduled(copy(null), "cron = \"* * * * * *\"")); // every second

        RunRecordDTO first = awaitRun("each", 1);
        RunRecordDTO second = awaitRun("each", 2);

        assertEquals(List.of("schedule", "SUCCEEDED", "schedule", "SUCCEEDED"), List.of(first.trigger, first.outcome,
                second.trigger, second.outcome));
        assertTrue(second.startedAt - first.startedAt >= 500); // two distinct seconds, not two runs of one
        Await.until("each to wait for its next second", () -> deployment("each").nextRunAt > 0);
        assertEquals(0, deployment("each").nextRunAt % 1000);
        String listing = execute("conveyor:pipelines");
        assertTrue(listing, listing.contains("each  copy      cron * * * * * *  "));
    }

    @Test
    public void anInvalidCronIsRejectedAtItsKey() throws Exception {
        drop("bad", scheduled(copy(null), "cron = \"0 25 * * *\"\ntimezone = \"Mars/Olympus\""));

        Await.until("bad to be rejected", () -> deployments.deployment("bad").map(d -> !d.problems.isEmpty())
                .orElse(false));
        String file = deployment("bad").file;
        assertEquals(List.of(file + ":5:1: error[CONFIG]: [schedule] cron \"0 25 * * *\" is not a valid cron expression:"
                + " Failed to parse cron expression. Value 25 not in range [0, 23]",
                file + ":6:1: error[CONFIG]: [schedule] timezone \"Mars/Olympus\" is not a time zone (such as"
                + " \"Europe/Paris\" or \"UTC\"): Unknown time-zone ID: Mars/Olympus"), lines(deployment("bad").problems));
    }

    @Test
    public void aContinuousPipelineRunsUntilStoppedAndAgainWhenStarted() throws Exception {
        Runs.write(work.resolve("events.jsonl"), "{\"n\": 1}\n{\"n\": 2}\n");
        drop("tail", """
                [pipeline]
                name = "tail"

                [schedule]
                mode = "continuous"

                [[stages]]
                id = "watch"
                function = "file.watch"

                [stages.config]
                path = "%s"
                poll_interval_ms = 50

                [[stages]]
                id = "show"
                function = "stdout.stream"
                inputs = ["watch"]
                """.formatted(work.resolve("events.jsonl")));
        Await.until("tail to run", () -> deployments.deployment("tail").map(d -> d.state.equals(DeploymentDTO.RUNNING))
                .orElse(false));
        assertEquals("RUNNING", deployment("tail").lastRun.outcome);

        assertEquals("tail: RUNNING (run #1)\n", execute("conveyor:stop tail"));
        Await.until("tail to stop", () -> deployment("tail").state.equals(DeploymentDTO.STOPPED));
        RunRecordDTO run = deployments.history("tail").orElseThrow().get(0);
        assertEquals(List.of("STOPPED", "[]"), List.of(run.outcome, run.problems.toString()));

        assertEquals("tail: RUNNING (run #2)\n", execute("conveyor:start tail"));
        assertEquals("tail: RUNNING (run #2)\n", execute("conveyor:stop tail"));
        Await.until("tail to stop again", () -> deployment("tail").state.equals(DeploymentDTO.STOPPED));
        assertEquals(List.of("#2 start STOPPED", "#1 deploy STOPPED"), deployments.history("tail").orElseThrow()
                .stream().map(r -> "#" + r.number + " " + r.trigger + " " + r.outcome).toList());
    }

    @Test
    public void graphDrawsADeployedPipeline() throws Exception {
        drop("manual", scheduled(copy(null), "mode = \"manual\""));
        Await.until("manual to be deployed", () -> deployments.deployment("manual").isPresent());

        assertEquals("""
                flowchart LR
                  load(["load<br/>csv.read"])
                  save[("save<br/>csv.write")]
                  load --> save
                """, execute("conveyor:graph --format mermaid manual"));
        assertEquals(DeploymentDTO.IDLE, deployment("manual").state);
        assertEquals(List.of(), deployments.history("manual").orElseThrow());
    }

    /**
     * What Tab offers in a JLine console (docs/operations.md, "Tab completion"), asked of the
     * {@code conveyor:__candidates} function the console calls, through Gogo as the console does.
     */
    @Test
    public void completionOffersTheDeployedAndRunningPipelinesAndTheStagesOfARunningOne() throws Exception {
        Runs.write(work.resolve("events.jsonl"), "");
        drop("manual", scheduled(copy(null), "mode = \"manual\""));
        drop("tail", """
                [pipeline]
                name = "tail"

                [schedule]
                mode = "continuous"

                [[stages]]
                id = "watch"
                function = "file.watch"

                [stages.config]
                path = "%s"
                poll_interval_ms = 50

                [[stages]]
                id = "show"
                function = "stdout.stream"
                inputs = ["watch"]
                """.formatted(work.resolve("events.jsonl")));
        Await.until("tail to run", () -> runtime.running().stream().anyMatch(r -> r.pipelineName.equals("tail")));
        Await.until("manual to be deployed", () -> deployments.deployment("manual").isPresent());

        assertEquals(List.of("manual", "tail"), candidates("conveyor:status", ""));
        assertEquals(List.of("manual", "tail"), candidates("conveyor:graph", "--format", "dot", "t"));
        assertEquals(List.of("tail"), candidates("conveyor:tap", "--limit", "3", ""));
        assertEquals(List.of("watch", "show"), candidates("conveyor:tap", "tail", ""));
        List<?> functions = candidates("conveyor:info", "");
        assertTrue(functions.toString(), functions.containsAll(List.of("csv.read", "filter.apply", "file.watch")));
        assertEquals(functions.size(), functions.stream().distinct().count());

        // a session without a line reader (this one) has nothing to complete: completions leaves it alone
        assertEquals("", execute("conveyor:completions"));
    }

    /** The candidates for the last of {@code words}, from the Gogo function the JLine consoles call. */
    private List<?> candidates(String... words) throws Exception {
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), System.out,
                System.err)) {
            session.put("words", List.of(words));
            return (List<?>) session.execute("conveyor:__candidates $words " + (words.length - 1));
        }
    }

    /** A pipeline copying in.csv to out.csv, through a filter when {@code condition} is not null. */
    private String copy(String condition) {
        String filter = condition == null ? "" : """
                [[stages]]
                id = "big"
                function = "filter.apply"
                inputs = ["load"]

                [stages.config]
                expression = "%s"

                """.formatted(condition);
        return """
                [pipeline]
                name = "copy"

                [[stages]]
                id = "load"
                function = "csv.read"

                [stages.config]
                path = "%s"

                %s[[stages]]
                id = "save"
                function = "csv.write"
                inputs = ["%s"]

                [stages.config]
                path = "%s"
                """.formatted(work.resolve("in.csv"), filter, condition == null ? "load" : "big",
                work.resolve("out.csv"));
    }

    /** The pipeline with a {@code [schedule]} table holding {@code keys}. */
    private static String scheduled(String pipeline, String keys) {
        return pipeline.replace("name = \"copy\"\n", "name = \"copy\"\n\n[schedule]\n" + keys + "\n");
    }

    private Path drop(String name, String text) {
        Path staged = Runs.write(work.resolve(name + ".staged"), text);
        folder.deploy(staged, name + ".toml");
        return pipelines.resolve(name + ".toml");
    }

    private DeploymentDTO deployment(String name) {
        return deployments.deployment(name).orElseThrow();
    }

    /** Waits for run {@code number} of the pipeline to end; returns it. */
    private RunRecordDTO awaitRun(String name, long number) {
        Await.until(name + " run #" + number + " to end", () -> run(name, number).map(r -> r.endedAt > 0).orElse(false));
        return run(name, number).orElseThrow();
    }

    private Optional<RunRecordDTO> run(String name, long number) {
        return deployments.history(name).orElse(List.of()).stream().filter(r -> r.number == number).findFirst();
    }

    private static List<String> lines(List<ProblemDTO> problems) {
        return problems.stream().map(ProblemDTO::toString).toList();
    }

    private String execute(String commandLine) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out)) {
            session.execute(commandLine);
        }
        return console.toString(StandardCharsets.UTF_8);
    }
}
