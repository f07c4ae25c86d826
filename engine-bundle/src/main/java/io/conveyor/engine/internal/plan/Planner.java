package io.conveyor.engine.internal.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.StageConfig;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageRole;
import io.conveyor.engine.internal.config.ProblemOrder;
import io.conveyor.engine.internal.config.Suggestions;
import io.conveyor.engine.internal.config.ValueText;
import io.conveyor.engine.internal.model.Location;
import io.conveyor.engine.internal.model.PipelineException;
import io.conveyor.engine.internal.model.PipelineScope;
import io.conveyor.engine.internal.model.PipelineSpec;
import io.conveyor.engine.internal.model.Problem;
import io.conveyor.engine.internal.model.StageSpec;

/**
 * Checks a pipeline's graph, functions and stage configuration, orders it for execution, and then
 * checks each stage's config against the schemas of its inputs where they can be told.
 * Stateless and thread-safe; the catalog is read while planning and not kept.
 */
public final class Planner {

    /**
     * Plans a pipeline on its own, with no environment.
     *
     * @param workingDirectory where relative paths in stage config resolve
     * @throws PipelineException with every problem found (graph, functions, config), in file order
     */
    public Plan plan(PipelineSpec spec, FunctionCatalog catalog, Path workingDirectory) throws PipelineException {
        return plan(spec, catalog, PipelineScope.topLevel(workingDirectory, Map.of(), spec.file(), null));
    }

    /**
     * @param scope what the pipeline is planned within; every stage's config carries it
     * @throws PipelineException with every problem found (graph, functions, config), in file order
     */
    public Plan plan(PipelineSpec spec, FunctionCatalog catalog, PipelineScope scope) throws PipelineException {
        if (spec.stages().isEmpty()) {
            throw new PipelineException(Problem.at(ErrorCode.PLAN, Location.of(spec.file()),
                    "pipeline has no stages: add at least one [[stages]] table"));
        }
        List<Problem> problems = new ArrayList<>();
        StageGraph graph = StageGraph.build(spec.stages(), problems);
        ConfigChecker checker = new ConfigChecker(scope);
        Map<String, PlannedStage> planned = new HashMap<>();
        Map<String, StageRole> roles = new HashMap<>();
        for (StageSpec stage : spec.stages()) {
            List<String> consumers = graph.consumersOf(stage.id());
            Optional<StageRole> role = resolveRole(stage, consumers, catalog, problems);
            if (role.isEmpty()) {
                continue;
            }
            roles.putIfAbsent(stage.id(), role.get());
            StageDescriptor descriptor = catalog.descriptor(stage.function(), role.get()).orElseThrow();
            Optional<StageConfig> config = checker.check(stage, descriptor,
                    catalog.stage(stage.function(), role.get()), problems);
            if (config.isPresent() && graph.stage(stage.id()) == stage) {
                planned.put(stage.id(), new PlannedStage(stage, role.get(), descriptor, config.get(), consumers));
            }
        }
        rejectReadingFromSinks(spec, roles, problems);
        if (!problems.isEmpty()) {
            throw new PipelineException(ProblemOrder.sorted(problems));
        }
        List<PlannedStage> ordered = graph.topologicalOrder().stream().map(planned::get).toList();
        Map<String, Schema> schemas = new SchemaChecker(catalog).check(ordered, problems);
        if (!problems.isEmpty()) {
            throw new PipelineException(ProblemOrder.sorted(problems));
        }
        return new Plan(spec, ordered, schemas);
    }

    /**
     * The role the stage plays, or empty when its function is not available. A role that does not
     * fit the stage's inputs is reported but still returned, so the stage's config is checked too.
     */
    private static Optional<StageRole> resolveRole(StageSpec stage, List<String> consumers, FunctionCatalog catalog,
            List<Problem> problems) {
        String function = stage.function() == null ? "" : stage.function();
        Set<StageRole> provided = EnumSet.noneOf(StageRole.class);
        for (StageRole role : StageRole.values()) {
            if (catalog.descriptor(function, role).isPresent()) {
                provided.add(role);
            }
        }
        Optional<StageRole> role = RoleResolver.resolve(provided, !stage.inputs().isEmpty(), !consumers.isEmpty());
        String subject = "stage '" + stage.id() + "': function '" + function + "' ";
        if (role.isEmpty()) {
            problems.add(new Problem(ErrorCode.PLUGIN, subject + "is not available"
                    + Suggestions.didYouMean(function, catalog.functionNames().stream().sorted().toList()),
                    stage.functionLocation(), stage.id(), null));
        } else if (role.get() == StageRole.SOURCE && !stage.inputs().isEmpty()) {
            Location where = stage.inputLocations().isEmpty() ? stage.location() : stage.inputLocations().get(0);
            problems.add(new Problem(ErrorCode.PLAN, subject + "is a source and takes no inputs, but inputs = "
                    + ValueText.render(stage.inputs()), where, stage.id(), null));
        } else if (role.get() != StageRole.SOURCE && stage.inputs().isEmpty()) {
            problems.add(new Problem(ErrorCode.PLAN, subject + "is a " + role.get().id()
                    + " and needs at least one input", stage.location(), stage.id(), null));
        }
        return role;
    }

    /** A sink produces nothing, so a stage listing one as an input would silently read nothing. */
    private static void rejectReadingFromSinks(PipelineSpec spec, Map<String, StageRole> roles,
            List<Problem> problems) {
        for (StageSpec stage : spec.stages()) {
            for (int i = 0; i < stage.inputs().size(); i++) {
                String input = stage.inputs().get(i);
                if (roles.get(input) == StageRole.SINK) {
                    Location where = i < stage.inputLocations().size() ? stage.inputLocations().get(i)
                            : stage.location();
                    problems.add(new Problem(ErrorCode.PLAN, "stage '" + stage.id() + "' lists input '" + input
                            + "', which is a sink and produces no output", where, stage.id(), null));
                }
            }
        }
    }
}
