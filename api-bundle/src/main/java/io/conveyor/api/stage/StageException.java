package io.conveyor.api.stage;

/**
 * The checked exception every stage method may throw. It carries an {@link ErrorCode} and, for
 * configuration errors, the config key; the engine adds the pipeline file, stage id and location.
 * Messages are for users: say what is wrong and what would be right, without a stack trace.
 */
public class StageException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String key;

    public StageException(ErrorCode code, String key, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.key = key;
    }

    public StageException(ErrorCode code, String message) {
        this(code, null, message, null);
    }

    /** A bad value for one config key. */
    public static StageException config(String key, String message) {
        return new StageException(ErrorCode.CONFIG, key, message, null);
    }

    /** Data that does not fit what the stage expects. */
    public static StageException data(String message) {
        return new StageException(ErrorCode.DATA, null, message, null);
    }

    /** A failed read or write outside the pipeline. */
    public static StageException io(String message, Throwable cause) {
        return new StageException(ErrorCode.IO, null, message, cause);
    }

    /** The run stopped while the stage was waiting. */
    public static StageException cancelled() {
        return new StageException(ErrorCode.CANCELLED, "the run was stopped");
    }

    public ErrorCode code() {
        return code;
    }

    /** The config key the error is about, or {@code null}. */
    public String key() {
        return key;
    }
}
