package io.conveyor.plugin.reshape.internal.convert;

import io.conveyor.api.stage.StageException;

/** What a conversion does with a value it cannot convert. */
public interface Failures {

    /**
     * Called for a value that cannot be converted: returns to make the cell null, or throws.
     *
     * @param row   the row in the batch being converted
     * @param value the value as messages show it: {@code "n/a"}, {@code 1.5}, {@code NaN}
     * @param why   why it failed, or {@code null} when the value simply does not read as the type
     */
    void failed(int row, String value, String why) throws StageException;
}
