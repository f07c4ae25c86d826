package io.conveyor.plugin.aggregate.internal.column;

import java.util.ArrayList;
import java.util.List;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.SchemaContext;
import io.conveyor.api.stage.StageException;

/**
 * The problems found when a stage's config meets its input schemas. The same checks run at
 * validation ({@link #reportTo}) and, when the schema was not known then, on the first batch at
 * run time ({@link #throwFirst}), so the user reads the same sentence either way.
 */
public final class Problems {

    private final List<ConfigProblem> found = new ArrayList<>();

    public void add(String key, String message) {
        found.add(new ConfigProblem(key, message));
    }

    public void addAll(List<ConfigProblem> problems) {
        found.addAll(problems);
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public List<ConfigProblem> list() {
        return List.copyOf(found);
    }

    public void reportTo(SchemaContext context) {
        found.forEach(context::report);
    }

    /**
     * Throws the first problem as a {@link ErrorCode#DATA} error located at its key: at run time the
     * config is fine in itself and it is the data that does not fit it.
     */
    public void throwFirst() throws StageException {
        if (!found.isEmpty()) {
            ConfigProblem first = found.get(0);
            throw new StageException(ErrorCode.DATA, first.key(), first.message(), null);
        }
    }
}
