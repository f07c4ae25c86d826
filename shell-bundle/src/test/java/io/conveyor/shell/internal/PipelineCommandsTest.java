package io.conveyor.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.conveyor.api.runtime.ConveyorRuntime;
import io.conveyor.api.runtime.DeploymentDTO;
import io.conveyor.api.runtime.FunctionDTO;
import io.conveyor.api.runtime.PipelineDeployments;
import io.conveyor.api.runtime.PipelineDescriptionDTO;
import io.conveyor.api.runtime.RunRecordDTO;
import io.conveyor.api.runtime.RunRequest;
import io.conveyor.api.runtime.ScheduleDTO;
import io.conveyor.api.runtime.StageNodeDTO;
import io.conveyor.api.runtime.StageUseDTO;
import io.conveyor.testing.RuntimeStub;

class PipelineCommandsTest {

    /** 2026-11-27 15:40:00 UTC. */
    private static final long T = 1_795_794_000_000L;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> actions = new ArrayList<>();
    private final List<DeploymentDTO> deployed = new ArrayList<>(List.of(orders(), broken()));
    private final List<RunRecordDTO> runs = new ArrayList<>(List.of(ordersRun(), failedRun()));

    /** The deployer, answering with the canned deployments and recording start and stop. */
    private final PipelineDeployments deployments = new PipelineDeployments() {
        @Override
        public List<DeploymentDTO> deployments() {
            return deployed;
        }

        @Override
        public Optional<DeploymentDTO> deployment(String name) {
            return deployed.stream().filter(d -> d.name.equals(name)).findFirst();
        }

        @Override
        public Optional<DeploymentDTO> start(String name) {
            actions.add("start " + name);
            return deployment(name);
        }

        @Override
        public Optional<DeploymentDTO> stop(String name) {
            actions.add("stop " + name);
            return deployment(name).map(d -> {
                d.state = DeploymentDTO.STOPPED;
                return d;
            });
        }

        @Override
        public Optional<PipelineDescriptionDTO> describe(String name) {
            return name.equals("orders") ? Optional.of(ordersGraph()) : Optional.empty();
        }

        @Override
        public Optional<List<RunRecordDTO>> history(String name) {
            return deployment(name).map(d -> d.name.equals("orders") ? runs : List.of());
        }
    };

    /** The runtime, for graph of a file: describes any file as the orders pipeline. */
    private final ConveyorRuntime runtime = new RuntimeStub() {
        @Override
        public PipelineDescriptionDTO describe(RunRequest request) {
            actions.add("describe " + request.pipelineFile());
            return ordersGraph();
        }

        @Override
        public List<FunctionDTO> functions() {
            return List.of();
        }

        @Override
        public Optional<FunctionDTO> function(String name) {
            return Optional.empty();
        }

        @Override
        public List<StageUseDTO> stagesInUse() {
            return List.of();
        }

    };

    @Test
    void pipelinesListsEachWithItsScheduleStateAndRuns() {
        assertEquals(0, execute("pipelines"));
        assertEquals("""
                name    pipeline  schedule   state      last run                          next run
                orders  orders    every 15m  SCHEDULED  #2 SUCCEEDED 2026-11-27 15:40:00  2026-11-27 15:55:00
                broken  -         -          INVALID    -                                 -
                  rejected: pipelines/broken.toml:3:8: error[CONFIG]: [schedule] mode must be one of "once", \
                "interval", "continuous", "manual", got "hourly"
                """, out());
        assertEquals("", err());
    }

    @Test
    void pipelinesSaysWhenNothingIsDeployed() {
        deployed.clear();
        assertEquals(0, execute("pipelines"));
        assertEquals("No pipelines deployed.\n", out());
    }

    @Test
    void statusShowsTheScheduleStateAndTheLatestRunsReport() {
        assertEquals(0, execute("status", "orders"));
        assertEquals("""
                orders
                  pipeline:  orders
                  file:      pipelines/orders.toml
                  schedule:  every 15m
                  state:     SCHEDULED
                  deployed:  2026-11-27 15:00:00
                  next run:  2026-11-27 15:55:00
                  last run:  #2 SUCCEEDED 2026-11-27 15:40:00

                pipeline 'orders': SUCCEEDED in 1.50 s

                stage  function      status     rows in  rows out  batches in  batches out    time
                load   csv.read      SUCCEEDED        -        10           -            1  900 ms
                big    filter.apply  SUCCEEDED       10         4           1            1  950 ms
                save   json.write    SUCCEEDED        4         -           1            -  1.00 s
                """, out());
    }

    @Test
    void aCronScheduleShowsItsExpressionZoneNextRunAndSkippedTimes() {
        deployed.clear();
        DeploymentDTO report = orders();
        report.name = "report";
        report.schedule = new ScheduleDTO();
        report.schedule.mode = ScheduleDTO.CRON;
        report.schedule.cron = "*/5 * * * *";
        report.schedule.timezone = "Europe/Paris";
        report.nextRunAt = T + 300_000;
        report.skippedRuns = 2;
        report.lastRun = null;
        deployed.add(report);

        assertEquals(0, execute("pipelines"));
        assertEquals(0, execute("status", "report"));
        assertEquals("""
                name    pipeline  schedule                       state      last run  next run
                report  orders    cron */5 * * * * Europe/Paris  SCHEDULED  -         2026-11-27 15:45:00
                report
                  pipeline:  orders
                  file:      pipelines/orders.toml
                  schedule:  cron */5 * * * * Europe/Paris
                  state:     SCHEDULED
                  deployed:  2026-11-27 15:00:00
                  next run:  2026-11-27 15:45:00
                  skipped:   2 cron time(s), a run being still in flight
                  last run:  -
                """, out());
    }

    @Test
    void statusOfARejectedFileShowsWhy() {
        assertEquals(0, execute("status", "broken"));
        assertEquals("""
                broken
                  pipeline:  -
                  file:      pipelines/broken.toml
                  schedule:  -
                  state:     INVALID
                  deployed:  -
                  next run:  -
                  last run:  -

                The file was rejected:
                pipelines/broken.toml:3:8: error[CONFIG]: [schedule] mode must be one of "once", "interval", \
                "continuous", "manual", got "hourly"
                """, out());
    }

    @Test
    void historyListsRunsNewestFirstWithRowsPerStageAndErrors() {
        assertEquals(0, execute("history", "orders"));
        assertEquals("""
                run  trigger   started              ended                outcome    rows
                 #2  schedule  2026-11-27 15:40:00  2026-11-27 15:40:01  SUCCEEDED  load 10, big 4, save 4
                 #1  deploy    2026-11-27 15:25:00  2026-11-27 15:25:02  FAILED     load 10, big 0, save 0
                  pipelines/orders.toml:12:1: error[DATA]: stage 'load' (csv.read) failed: bad row
                """, out());
        assertEquals(0, execute("history", "broken"));
        assertEquals("No runs of broken yet.\n", out().substring(out().lastIndexOf("No runs")));
    }

    @Test
    void startAndStopSayWhatTheyDid() {
        assertEquals(0, execute("stop", "orders"));
        assertEquals("orders: STOPPED\n", out());
        assertEquals(List.of("stop orders"), actions);
    }

    @Test
    void startRefusesAPipelineWithoutAValidVersion() {
        assertEquals(2, execute("start", "broken"));
        assertEquals("conveyor: pipeline 'broken' has no valid version deployed; see 'status broken'\n", err());
        assertEquals(List.of(), actions);
    }

    @Test
    void anUnknownPipelineIsAnErrorWithASuggestion() {
        assertEquals(2, execute("status", "order"));
        assertEquals("conveyor: no such pipeline: order (did you mean 'orders'?)\n", err());
        assertEquals(2, execute("history", "xyz"));
        assertEquals(2, execute("start", "xyz"));
    }

    @Test
    void statusAsJsonIsTheDeployment() {
        deployed.clear();
        DeploymentDTO idle = new DeploymentDTO();
        idle.name = "idle";
        idle.file = "pipelines/idle.toml";
        idle.state = DeploymentDTO.INVALID;
        deployed.add(idle);

        assertEquals(0, execute("status", "--json", "idle"));
        assertEquals("""
                {
                  "name" : "idle",
                  "file" : "pipelines/idle.toml",
                  "pipelineName" : null,
                  "schedule" : null,
                  "state" : "INVALID",
                  "deployedAt" : 0,
                  "nextRunAt" : 0,
                  "skippedRuns" : 0,
                  "lastRun" : null,
                  "problems" : [ ]
                }
                """, out());
    }

    @Test
    void graphOfADeployedPipelineAsDot() {
        assertEquals(0, execute("graph", "orders"));
        assertEquals("""
                digraph "orders" {
                  rankdir=LR;
                  "load" [label="load\\ncsv.read", shape=invhouse];
                  "big" [label="big\\nfilter.apply", shape=box];
                  "save" [label="save\\njson.write", shape=house];
                  "load" -> "big";
                  "big" -> "save";
                }
                """, out());
    }

    @Test
    void graphOfAFileAsMermaid() throws IOException {
        Files.writeString(dir.resolve("p.toml"), "");

        assertEquals(0, execute("graph", "--format", "mermaid", "p.toml"));

        assertEquals("""
                flowchart LR
                  load(["load<br/>csv.read"])
                  big["big<br/>filter.apply"]
                  save[("save<br/>json.write")]
                  load --> big
                  big --> save
                """, out());
        assertEquals(List.of("describe p.toml"), actions);
    }

    @Test
    void graphNeedsAKnownFormatAndAnExistingTarget() {
        assertEquals(2, execute("graph", "--format", "svg", "orders"));
        assertEquals(2, execute("graph", "missing.toml"));
        assertEquals("""
                conveyor: --format takes dot or mermaid, got 'svg'
                Run 'conveyor help' for usage.
                conveyor: no deployed pipeline or file named missing.toml
                """, err());
    }

    @Test
    void withoutAServerOnlyGraphOfAFileWorks() throws IOException {
        Files.writeString(dir.resolve("p.toml"), "");
        PipelineCommands cli = new PipelineCommands(runtime, Optional.empty(), ZoneOffset.UTC);

        assertEquals(2, cli.execute(List.of("pipelines"), session()));
        assertEquals(0, cli.execute(List.of("graph", "p.toml"), session()));
        assertEquals("conveyor: no pipelines are deployed here: deployed pipelines live in a server (conveyor server)\n",
                err());
    }

    private int execute(String... args) {
        return new PipelineCommands(runtime, Optional.of(deployments), ZoneOffset.UTC).execute(List.of(args),
                session());
    }

    private CommandLine.Session session() {
        return new CommandLine.Session(new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                dir, Map.of());
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static DeploymentDTO orders() {
        DeploymentDTO d = new DeploymentDTO();
        d.name = "orders";
        d.file = "pipelines/orders.toml";
        d.pipelineName = "orders";
        d.schedule = new ScheduleDTO();
        d.schedule.mode = ScheduleDTO.INTERVAL;
        d.schedule.interval = "15m";
        d.schedule.intervalMillis = 900_000;
        d.state = DeploymentDTO.SCHEDULED;
        d.deployedAt = T - 2_400_000;
        d.nextRunAt = T + 900_000;
        d.lastRun = ordersRun();
        return d;
    }

    private static DeploymentDTO broken() {
        DeploymentDTO d = new DeploymentDTO();
        d.name = "broken";
        d.file = "pipelines/broken.toml";
        d.state = DeploymentDTO.INVALID;
        d.problems.add(ShellFixtures.problem("CONFIG", "[schedule] mode must be one of \"once\", \"interval\","
                + " \"continuous\", \"manual\", got \"hourly\"", "pipelines/broken.toml", 3, 8));
        return d;
    }

    private static RunRecordDTO ordersRun() {
        RunRecordDTO run = new RunRecordDTO();
        run.number = 2;
        run.trigger = "schedule";
        run.startedAt = T;
        run.endedAt = T + 1_500;
        run.outcome = "SUCCEEDED";
        run.stages.add(ShellFixtures.stage("load", "csv.read", "SUCCEEDED", 0, 10, 0, 1, 900));
        run.stages.add(ShellFixtures.stage("big", "filter.apply", "SUCCEEDED", 10, 4, 1, 1, 950));
        run.stages.add(ShellFixtures.stage("save", "json.write", "SUCCEEDED", 4, 0, 1, 0, 1000));
        return run;
    }

    private static RunRecordDTO failedRun() {
        RunRecordDTO run = new RunRecordDTO();
        run.number = 1;
        run.trigger = "deploy";
        run.startedAt = T - 900_000;
        run.endedAt = T - 898_000;
        run.outcome = "FAILED";
        run.stages.add(ShellFixtures.stage("load", "csv.read", "FAILED", 0, 10, 0, 1, 900));
        run.stages.add(ShellFixtures.stage("big", "filter.apply", "CANCELLED", 10, 0, 1, 0, 950));
        run.stages.add(ShellFixtures.stage("save", "json.write", "CANCELLED", 0, 0, 0, 0, 1000));
        run.problems.add(ShellFixtures.problem("DATA", "stage 'load' (csv.read) failed: bad row",
                "pipelines/orders.toml", 12, 1));
        return run;
    }

    private static PipelineDescriptionDTO ordersGraph() {
        PipelineDescriptionDTO d = new PipelineDescriptionDTO();
        d.pipelineName = "orders";
        d.stages.add(node("load", "csv.read", "source"));
        d.stages.add(node("big", "filter.apply", "transform", "load"));
        d.stages.add(node("save", "json.write", "sink", "big"));
        return d;
    }

    private static StageNodeDTO node(String id, String function, String role, String... inputs) {
        StageNodeDTO node = new StageNodeDTO();
        node.stageId = id;
        node.function = function;
        node.role = role;
        node.inputs.addAll(List.of(inputs));
        return node;
    }
}
