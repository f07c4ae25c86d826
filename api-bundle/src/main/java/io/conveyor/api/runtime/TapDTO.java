package io.conveyor.api.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * Sample rows a stage of a running pipeline emitted while a tap was attached
 * ({@code conveyor tap}); the {@link #outcome} says why sampling ended, or why there was nothing
 * to tap.
 *
 * @since 1.1
 */
public class TapDTO {
    /** {@link #limit} rows were sampled. */
    public static final String LIMIT = "LIMIT";
    /** A batch came with another schema than the rows sampled; {@link #rows} holds those. */
    public static final String SCHEMA_CHANGED = "SCHEMA_CHANGED";
    /** The timeout passed first, or the caller was interrupted; {@link #rows} holds what came before. */
    public static final String TIMEOUT = "TIMEOUT";
    /** The run ended first; {@link #rows} holds what came before it. */
    public static final String RUN_ENDED = "RUN_ENDED";
    /** No run of that pipeline is in progress. */
    public static final String NOT_RUNNING = "NOT_RUNNING";
    /** The running pipeline has no stage of that id; {@link #stageIds} lists those it has. */
    public static final String NO_SUCH_STAGE = "NO_SUCH_STAGE";

    public String pipelineName;
    public String stageId;
    public String outcome;
    public int limit;
    /**
     * The schema of the stage's output, one {@code name: type} per field (Arrow's notation), or
     * empty when it emitted no batch while tapped.
     */
    public List<String> fields = new ArrayList<>();
    /**
     * The sampled rows, in emission order, a value per field: a {@link Number}, {@link Boolean},
     * {@link String} (any other type in its text form) or {@code null}.
     */
    public List<List<Object>> rows = new ArrayList<>();
    /** The stage ids of the running pipeline, in file order; empty when it is not running. */
    public List<String> stageIds = new ArrayList<>();

    /** Whether a stage was tapped, whatever it sampled. */
    public boolean tapped() {
        return !NOT_RUNNING.equals(outcome) && !NO_SUCH_STAGE.equals(outcome);
    }
}
