package io.conveyor.deploy.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.conveyor.api.runtime.ConveyorRuntime;
import io.conveyor.api.runtime.DeploymentDTO;
import io.conveyor.api.runtime.PipelineDescriptionDTO;
import io.conveyor.api.runtime.PipelineDeployments;
import io.conveyor.api.runtime.ProblemDTO;
import io.conveyor.api.runtime.RunRecordDTO;
import io.conveyor.api.runtime.RunReportDTO;
import io.conveyor.api.runtime.RunRequest;
import io.conveyor.api.runtime.ScheduleDTO;
import io.conveyor.api.stage.ErrorCode;

/**
 * The deployed pipelines and their runs, without the OSGi wiring.
 *
 * <p>A file is validated on the {@code deployer} thread ({@link ConveyorRuntime#describe} may
 * wait for {@code [global] plugins}); a valid content replaces the deployed version, a rejected
 * one leaves it running. A replaced version's bounded run in flight ends on its own (it drains)
 * before the new version starts; a continuous one is stopped first. Runs execute on the
 * {@code runs} executor, never two of one pipeline at once; interval and cron timers on {@code timer}.
 * A cron time that comes while a run is in flight is skipped (counted and logged), not queued; the
 * cron times are computed from the {@link Clock}, whose zone is the server's.
 *
 * <p>Threading: thread-safe; one lock guards every {@link Deployment}.
 */
final class Deployments implements PipelineDeployments {

    /** Where deployed runs happen. */
    record Settings(Path workingDirectory, Map<String, String> environment, PrintStream stdout) {
    }

    static final String DEPLOY = "deploy";
    static final String SCHEDULE = "schedule";
    static final String START = "start";

    private static final Logger LOG = LoggerFactory.getLogger(Deployments.class);

    private final ConveyorRuntime runtime;
    private final ExecutorService deployer;
    private final ScheduledExecutorService timer;
    private final ExecutorService runs;
    private final Settings settings;
    private final Clock clock;
    private final Map<String, Deployment> deployments = new TreeMap<>();
    private int historySize;
    /** The folder whose files are deployed; null: any. */
    private Path folder;

    /** The executors belong to the caller, who shuts them down after {@link #close}. */
    Deployments(ConveyorRuntime runtime, ExecutorService deployer, ScheduledExecutorService timer, ExecutorService runs,
            Settings settings, Clock clock, int historySize) {
        this.runtime = runtime;
        this.deployer = deployer;
        this.timer = timer;
        this.runs = runs;
        this.settings = settings;
        this.clock = clock;
        this.historySize = historySize;
    }

    /** The name of a pipeline file: its file name without {@code .toml}. */
    static String nameOf(Path file) {
        String fileName = file.getFileName().toString();
        return fileName.endsWith(".toml") ? fileName.substring(0, fileName.length() - 5) : fileName;
    }

    /** Validates {@code file} on the deployer thread, then deploys it or records why not. Returns at once. */
    void deploy(Path file) {
        submit(deployer, () -> validated(file));
    }

    /** Forgets the pipeline of {@code file} and stops its run in flight (not a same-named one of another folder). */
    synchronized void undeploy(Path file) {
        Deployment d = deployments.get(nameOf(file));
        if (d != null && d.file.equals(file.toAbsolutePath().normalize())) {
            remove(d);
        }
    }

    /**
     * Deploys the files of {@code folder} only from now on (of any folder when null): the
     * pipelines deployed from another folder are undeployed, and a file of another folder still
     * being validated is dropped when it is done.
     */
    synchronized void useFolder(Path folder) {
        Path previous = this.folder;
        this.folder = folder;
        if (folder == null || folder.equals(previous)) {
            return;
        }
        if (previous != null) {
            LOG.info("Pipeline files are deployed from {} instead of {}", folder, previous);
        }
        List.copyOf(deployments.values()).stream().filter(d -> !accepts(d.file)).forEach(this::remove);
    }

    synchronized Path folder() {
        return folder;
    }

    /** Whether a file of this folder is deployed. */
    synchronized boolean accepts(Path file) {
        return folder == null || folder.equals(file.toAbsolutePath().normalize().getParent());
    }

    private void remove(Deployment d) {
        deployments.remove(d.name);
        d.removed = true;
        d.cancelTimer();
        stopRun(d);
        LOG.info("Pipeline {} undeployed", d.name);
    }

    /** Keeps at most {@code size} runs per pipeline from now on. */
    synchronized void useHistorySize(int size) {
        historySize = size;
        deployments.values().forEach(d -> d.history.trim(size));
    }

    /** Stops every run and schedule; what is deployed is forgotten. */
    synchronized void close() {
        deployments.values().forEach(d -> {
            d.removed = true;
            d.cancelTimer();
            stopRun(d);
        });
        deployments.clear();
    }

    @Override
    public synchronized List<DeploymentDTO> deployments() {
        return deployments.values().stream().map(Deployment::toDTO).toList();
    }

    @Override
    public synchronized Optional<DeploymentDTO> deployment(String name) {
        return Optional.ofNullable(deployments.get(name)).map(Deployment::toDTO);
    }

    @Override
    public synchronized Optional<DeploymentDTO> start(String name) {
        Deployment d = deployments.get(name);
        if (d == null) {
            return Optional.empty();
        }
        if (d.active != null) {
            d.stopped = false;
            if (d.run == null) {
                d.cancelTimer();
                startRun(d, START);
            }
        }
        return Optional.of(d.toDTO());
    }

    @Override
    public synchronized Optional<DeploymentDTO> stop(String name) {
        Deployment d = deployments.get(name);
        if (d == null) {
            return Optional.empty();
        }
        if (d.active != null) {
            d.stopped = true;
            d.cancelTimer();
            stopRun(d);
            LOG.info("Pipeline {} stopped", name);
        }
        return Optional.of(d.toDTO());
    }

    @Override
    public synchronized Optional<List<RunRecordDTO>> history(String name) {
        return Optional.ofNullable(deployments.get(name)).map(d -> d.history.snapshot());
    }

    @Override
    public Optional<PipelineDescriptionDTO> describe(String name) {
        Deployment d;
        PipelineVersion version;
        synchronized (this) {
            d = deployments.get(name);
            version = d == null ? null : d.active;
        }
        // outside the lock: describing may wait for [global] plugins
        return version == null ? Optional.empty() : Optional.of(runtime.describe(request(d.displayName, version.text())));
    }

    private void validated(Path file) {
        String displayName = displayName(file);
        String text;
        PipelineDescriptionDTO description;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
            description = runtime.describe(request(displayName, text));
        } catch (IOException e) {
            text = null;
            description = unreadable(displayName, e);
        }
        apply(file, displayName, text, description);
    }

    private synchronized void apply(Path file, String displayName, String text, PipelineDescriptionDTO description) {
        if (!Files.exists(file) || !accepts(file)) {
            return; // deleted while it was being validated (its undeploy came first), or its folder is no longer watched
        }
        Deployment d = deployments.computeIfAbsent(nameOf(file),
                name -> new Deployment(name, file.toAbsolutePath().normalize(), displayName));
        if (!description.valid()) {
            d.rejected = List.copyOf(description.problems);
            LOG.error("Pipeline {} rejected, {}:\n{}", d.name, d.active == null ? "nothing deployed"
                    : "the version deployed before keeps running", problemLines(description.problems));
            return;
        }
        d.rejected = List.of();
        PipelineVersion latest = d.pending != null ? d.pending : d.active;
        if (latest != null && latest.text().equals(text)) {
            return; // the file was touched, not changed
        }
        d.pending = new PipelineVersion(text, description.pipelineName, description.schedule, clock.millis());
        d.stopped = false; // a new version is meant to run
        d.cancelTimer();
        if (d.run == null) {
            activatePending(d);
        } else if (d.active.is(ScheduleDTO.CONTINUOUS)) {
            stopRun(d); // the new version starts once it has stopped
        } else {
            LOG.info("Pipeline {}: the new version starts once the run in flight ends", d.name);
        }
    }

    /**
     * Makes the pending version the deployed one and runs it as its schedule says, unless an
     * operator stopped the pipeline meanwhile. No run is in flight.
     */
    private void activatePending(Deployment d) {
        d.active = d.pending;
        d.pending = null;
        ScheduleDTO schedule = d.active.schedule();
        LOG.info("Pipeline {} deployed ({})", d.name, describe(schedule));
        if (d.stopped || d.active.is(ScheduleDTO.MANUAL)) {
            return;
        }
        if (d.active.is(ScheduleDTO.CRON)) {
            scheduleCron(d, clock.instant());
        } else {
            startRun(d, DEPLOY);
        }
    }

    private void startRun(Deployment d, String trigger) {
        RunRecordDTO record = RunRecords.started(++d.runs, trigger, clock.millis());
        d.history.add(record, historySize);
        Deployment.InFlight run = new Deployment.InFlight(record);
        PipelineVersion version = d.active;
        d.run = run;
        try {
            run.future = runs.submit(() -> execute(d, version, run));
        } catch (RejectedExecutionException e) {
            d.run = null; // shutting down
            RunRecords.ended(record, RunRecords.crashed(version.pipelineName(), e), true, clock.millis());
        }
    }

    private void execute(Deployment d, PipelineVersion version, Deployment.InFlight run) {
        if (!begin(run)) {
            return; // stopped before it began: stopRun ended it
        }
        RunReportDTO report;
        try {
            report = runtime.run(request(d.displayName, version.text()));
        } catch (Throwable e) { // whatever the run threw, the deployment must learn it ended
            LOG.error("Pipeline {}: the runtime failed", d.name, e);
            report = RunRecords.crashed(version.pipelineName(), e);
        }
        finished(d, run, report);
    }

    private synchronized boolean begin(Deployment.InFlight run) {
        run.started = !run.stopRequested;
        return run.started;
    }

    /**
     * Asks the run in flight to stop. One whose task has not begun yet never will (cancelled, or
     * turned back by {@link #begin}), so it ends here, as stopped, instead of staying in flight.
     */
    private void stopRun(Deployment d) {
        Deployment.InFlight run = d.run;
        d.stopRun();
        if (run != null && !run.started) {
            RunReportDTO none = new RunReportDTO();
            none.pipelineName = d.active.pipelineName();
            finished(d, run, none);
        }
    }

    private synchronized void finished(Deployment d, Deployment.InFlight run, RunReportDTO report) {
        RunRecords.ended(run.record, report, run.stopRequested, clock.millis());
        d.run = null;
        logEnd(d, run.record);
        if (d.removed) {
            return;
        }
        if (d.pending != null) {
            activatePending(d);
        } else if (!d.stopped && d.active.is(ScheduleDTO.INTERVAL)) {
            scheduleNext(d, run.record.startedAt);
        } else if (!d.stopped && d.active.is(ScheduleDTO.CRON)) {
            cronAfterRun(d, run.record);
        }
    }

    /**
     * Counts the cron times that came while the run was in flight (they are skipped), then waits
     * for the next one. A run the timer started counts from its cron time, even if the clock read
     * a little earlier when it fired.
     */
    private void cronAfterRun(Deployment d, RunRecordDTO record) {
        CronTimes times = cronTimes(d);
        Instant from = Instant.ofEpochMilli(Math.max(record.startedAt, d.lastTimerTime));
        Instant now = clock.instant();
        long skipped = times.countBetween(from, now);
        if (skipped > 0) {
            d.skippedRuns += skipped;
            LOG.warn("Pipeline {}: run {} was still in flight at {} cron time(s) of '{}'; skipped them", d.name,
                    record.number, skipped, d.active.schedule().cron);
        }
        scheduleCron(d, now.isAfter(from) ? now : from);
    }

    /** The next cron run: the first time the expression matches after {@code after}. */
    private void scheduleCron(Deployment d, Instant after) {
        cronTimes(d).next(after).ifPresentOrElse(at -> scheduleAt(d, at.toEpochMilli()),
                () -> LOG.warn("Pipeline {}: cron '{}' matches no later time", d.name, d.active.schedule().cron));
    }

    private CronTimes cronTimes(Deployment d) {
        return CronTimes.of(d.active.schedule(), clock.getZone());
    }

    /** The next interval run: an interval after the last one started, or now if that is past. */
    private void scheduleNext(Deployment d, long lastStart) {
        scheduleAt(d, Math.max(clock.millis(), lastStart + d.active.schedule().intervalMillis));
    }

    private void scheduleAt(Deployment d, long at) {
        d.nextRunAt = at;
        try {
            d.timer = timer.schedule(() -> due(d), Math.max(0, at - clock.millis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            d.nextRunAt = 0; // shutting down
        }
    }

    private synchronized void due(Deployment d) {
        d.timer = null;
        d.lastTimerTime = d.nextRunAt;
        d.nextRunAt = 0;
        if (!d.removed && !d.stopped && d.run == null) {
            startRun(d, SCHEDULE);
        }
    }

    private RunRequest request(String displayName, String text) {
        return RunRequest.of(Path.of(displayName)).withWorkingDirectory(settings.workingDirectory())
                .withEnvironment(settings.environment()).withStreams(InputStream.nullInputStream(), settings.stdout())
                .withText(text);
    }

    /** The file as messages name it: relative to the working directory when inside it. */
    private String displayName(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path base = settings.workingDirectory().toAbsolutePath().normalize();
        return absolute.startsWith(base) ? base.relativize(absolute).toString() : absolute.toString();
    }

    private static PipelineDescriptionDTO unreadable(String displayName, IOException e) {
        ProblemDTO problem = new ProblemDTO();
        problem.code = ErrorCode.IO.name();
        problem.file = displayName;
        problem.message = "cannot read the pipeline file: " + e.getMessage();
        PipelineDescriptionDTO description = new PipelineDescriptionDTO();
        description.problems.add(problem);
        return description;
    }

    private static String describe(ScheduleDTO schedule) {
        return switch (schedule.mode) {
            case ScheduleDTO.INTERVAL -> "interval every " + schedule.interval;
            case ScheduleDTO.CRON -> "cron '" + schedule.cron + "'" + (schedule.timezone == null ? ""
                    : " in " + schedule.timezone);
            default -> schedule.mode;
        };
    }

    private static void logEnd(Deployment d, RunRecordDTO record) {
        long millis = record.endedAt - record.startedAt;
        if (record.problems.isEmpty()) {
            LOG.info("Pipeline {} run {} {} in {} ms", d.name, record.number, record.outcome, millis);
        } else {
            LOG.warn("Pipeline {} run {} {} in {} ms:\n{}", d.name, record.number, record.outcome, millis,
                    problemLines(record.problems));
        }
    }

    private static String problemLines(List<ProblemDTO> problems) {
        return problems.stream().map(ProblemDTO::toString).collect(Collectors.joining("\n"));
    }

    private static void submit(ExecutorService executor, Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("Deployer shutting down; ignored a file change");
        }
    }
}
