package io.conveyor.plugin.core.internal.json;

/** How JSON records are laid out in a file or stream. */
public enum JsonLayout {
    /** One JSON array of objects ({@code format = "records"}). */
    RECORDS,
    /** One object per line ({@code format = "jsonl"}). */
    LINES
}
