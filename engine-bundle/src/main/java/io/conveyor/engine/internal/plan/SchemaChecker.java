package io.conveyor.engine.internal.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.api.stage.ConfigProblem;
import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.SchemaContext;
import io.conveyor.api.stage.Stage;
import io.conveyor.engine.internal.model.Problem;

/**
 * Works out, stage by stage in topological order, the schema each stage will emit, by asking the
 * stage ({@link Stage#outputSchema}) with the schemas its inputs already declared, and collects
 * the problems stages report against those schemas (a missing column, a type mismatch), located
 * at their key like config problems.
 */
final class SchemaChecker {

    private final FunctionCatalog catalog;
    private final Map<String, Schema> known = new HashMap<>();

    SchemaChecker(FunctionCatalog catalog) {
        this.catalog = catalog;
    }

    /** The output schemas found, by stage id; stages whose schema cannot be told are absent. */
    Map<String, Schema> check(List<PlannedStage> ordered, List<Problem> problems) {
        for (PlannedStage stage : ordered) {
            Optional<Stage> service = catalog.stage(stage.spec().function(), stage.role());
            if (service.isEmpty()) {
                continue;
            }
            Context context = new Context(stage);
            Optional<Schema> output = ask(service.get(), stage, context, problems);
            context.reported.forEach(p -> problems.add(ConfigChecker.problem(stage.spec(), p.key(),
                    "stage '" + stage.id() + "': " + p.message())));
            if (context.reported.isEmpty() && output != null && output.isPresent()) {
                known.put(stage.id(), output.get());
            }
        }
        return Map.copyOf(known);
    }

    private static Optional<Schema> ask(Stage service, PlannedStage stage, Context context, List<Problem> problems) {
        try {
            return service.outputSchema(stage.config(), context);
        } catch (Throwable e) {
            // Plugin code: whatever it throws is reported as the plugin's failure, as in ConfigChecker.
            problems.add(new Problem(ErrorCode.PLUGIN, "stage '" + stage.id() + "': function '"
                    + stage.spec().function() + "' failed while working out its output schema: " + e,
                    stage.spec().location(), stage.id(), null));
            return Optional.empty();
        }
    }

    private final class Context implements SchemaContext {

        private final PlannedStage stage;
        private final List<ConfigProblem> reported = new ArrayList<>();

        Context(PlannedStage stage) {
            this.stage = stage;
        }

        @Override
        public List<String> inputs() {
            return stage.inputs();
        }

        @Override
        public Optional<Schema> input(String name) {
            return stage.inputs().contains(name) ? Optional.ofNullable(known.get(name)) : Optional.empty();
        }

        @Override
        public void report(ConfigProblem problem) {
            if (problem != null) {
                reported.add(problem);
            }
        }
    }
}
