package io.conveyor.engine.internal.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jgrapht.Graph;
import org.jgrapht.Graphs;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.traverse.TopologicalOrderIterator;

import io.conveyor.api.stage.ErrorCode;
import io.conveyor.engine.internal.config.Suggestions;
import io.conveyor.engine.internal.model.Location;
import io.conveyor.engine.internal.model.Problem;
import io.conveyor.engine.internal.model.StageSpec;

/**
 * The pipeline's data-flow graph (an edge runs from an input to the stage that reads it), with
 * the structural checks: unique ids, known inputs, no stage reading itself, no cycles.
 */
final class StageGraph {

    private final Graph<String, DefaultEdge> graph = new DefaultDirectedGraph<>(DefaultEdge.class);
    private final Map<String, StageSpec> byId = new LinkedHashMap<>();
    private final Map<String, Integer> fileOrder = new HashMap<>();
    private final Comparator<String> inFileOrder = Comparator.comparing(fileOrder::get);

    private StageGraph() {
    }

    /** Builds the graph of {@code stages}, adding a problem for every structural error. */
    static StageGraph build(List<StageSpec> stages, List<Problem> problems) {
        StageGraph g = new StageGraph();
        for (StageSpec stage : stages) {
            StageSpec first = g.byId.putIfAbsent(stage.id(), stage);
            if (first == null) {
                g.fileOrder.put(stage.id(), g.fileOrder.size());
                g.graph.addVertex(stage.id());
            } else {
                problems.add(new Problem(ErrorCode.PLAN, "duplicate stage id '" + stage.id() + "' (first defined at "
                        + first.location() + ")", stage.location(), stage.id(), null));
            }
        }
        for (StageSpec stage : stages) {
            g.addInputs(stage, g.byId.get(stage.id()) == stage, problems);
        }
        g.reportCycles(problems);
        return g;
    }

    /** The first stage with this id. */
    StageSpec stage(String id) {
        return byId.get(id);
    }

    /** The stages that list {@code id} in their inputs, in file order. */
    List<String> consumersOf(String id) {
        List<String> consumers = Graphs.successorListOf(graph, id);
        consumers.sort(inFileOrder);
        return List.copyOf(consumers);
    }

    /** Every stage after all of its inputs; ties keep file order. Only valid without cycles. */
    List<String> topologicalOrder() {
        List<String> order = new ArrayList<>(graph.vertexSet().size());
        new TopologicalOrderIterator<>(graph, inFileOrder).forEachRemaining(order::add);
        return order;
    }

    private void addInputs(StageSpec stage, boolean addEdges, List<Problem> problems) {
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < stage.inputs().size(); i++) {
            String input = stage.inputs().get(i);
            Location where = i < stage.inputLocations().size() ? stage.inputLocations().get(i) : stage.location();
            String problem = null;
            if (input.equals(stage.id())) {
                problem = "stage '" + stage.id() + "' lists itself as an input";
            } else if (!byId.containsKey(input)) {
                problem = "stage '" + stage.id() + "' lists input '" + input + "', which is not a stage id"
                        + Suggestions.didYouMean(input, byId.keySet());
            } else if (!seen.add(input)) {
                problem = "stage '" + stage.id() + "' lists input '" + input + "' twice";
            } else if (addEdges) {
                graph.addEdge(input, stage.id());
            }
            if (problem != null) {
                problems.add(new Problem(ErrorCode.PLAN, problem, where, stage.id(), null));
            }
        }
    }

    /** One problem per cycle-bearing component, showing its shortest cycle through its first stage. */
    private void reportCycles(List<Problem> problems) {
        List<Set<String>> components = new KosarajuStrongConnectivityInspector<>(graph).stronglyConnectedSets();
        components.stream()
                .filter(c -> c.size() > 1)
                .map(c -> c.stream().min(inFileOrder).orElseThrow())
                .sorted(inFileOrder)
                .forEach(start -> problems.add(new Problem(ErrorCode.PLAN,
                        "cycle in pipeline: " + String.join(" -> ", shortestCycleFrom(start)),
                        byId.get(start).location(), start, null)));
    }

    /** Breadth-first, following consumers in file order, back to {@code start}. */
    private List<String> shortestCycleFrom(String start) {
        Map<String, String> previous = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String current = queue.removeFirst();
            for (String next : consumersOf(current)) {
                if (next.equals(start)) {
                    List<String> path = new ArrayList<>(List.of(start));
                    for (String at = current; !at.equals(start); at = previous.get(at)) {
                        path.add(1, at);
                    }
                    path.add(start);
                    return path;
                }
                if (!previous.containsKey(next)) {
                    previous.put(next, current);
                    queue.addLast(next);
                }
            }
        }
        throw new IllegalStateException("no cycle through " + start);
    }
}
