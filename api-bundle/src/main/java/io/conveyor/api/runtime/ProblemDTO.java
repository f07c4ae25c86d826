package io.conveyor.api.runtime;

/**
 * One located error: what is wrong and where. {@link #toString()} gives the one-line form the
 * command line prints, e.g. {@code pipeline.toml:12:1: error[PLAN]: stage 'b' ...}.
 */
public class ProblemDTO {
    /** An {@link io.conveyor.api.stage.ErrorCode} name. */
    public String code;
    public String message;
    /** The pipeline file, or {@code null}. */
    public String file;
    /** 1-based line and column in {@link #file}, or 0 when unknown. */
    public int line;
    public int column;
    /** The stage id the problem concerns, or {@code null}. */
    public String stageId;
    /** The config key the problem concerns, or {@code null}. */
    public String key;

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file);
            if (line > 0) {
                sb.append(':').append(line);
                if (column > 0) {
                    sb.append(':').append(column);
                }
            }
            sb.append(": ");
        }
        return sb.append("error[").append(code).append("]: ").append(message).toString();
    }
}
