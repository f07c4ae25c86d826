package io.conveyor.shell.internal;

import java.util.ArrayList;
import java.util.List;

import io.conveyor.api.runtime.ExampleDTO;
import io.conveyor.api.runtime.FunctionDTO;
import io.conveyor.api.runtime.ParameterDTO;
import io.conveyor.api.runtime.ProblemDTO;
import io.conveyor.api.runtime.RunReportDTO;
import io.conveyor.api.runtime.StageReportDTO;

/** Hand-made DTOs for the formatting and command-line tests. */
final class ShellFixtures {

    private ShellFixtures() {
    }

    static StageReportDTO stage(String id, String function, String status, long rowsIn, long rowsOut, long batchesIn,
            long batchesOut, long millis) {
        StageReportDTO dto = new StageReportDTO();
        dto.stageId = id;
        dto.function = function;
        dto.role = function.endsWith(".read") ? "source" : function.endsWith(".write") ? "sink" : "transform";
        dto.status = status;
        dto.rowsIn = rowsIn;
        dto.rowsOut = rowsOut;
        dto.batchesIn = batchesIn;
        dto.batchesOut = batchesOut;
        dto.millis = millis;
        return dto;
    }

    static RunReportDTO succeeded() {
        RunReportDTO report = new RunReportDTO();
        report.pipelineName = "quickstart";
        report.outcome = "SUCCEEDED";
        report.millis = 1234;
        report.stages.add(stage("load_sales", "csv.read", "SUCCEEDED", 0, 1_000_000, 0, 123, 850));
        report.stages.add(stage("big_sales", "filter.apply", "SUCCEEDED", 1_000_000, 6, 123, 2, 40));
        report.stages.add(stage("save", "json.write", "SUCCEEDED", 6, 0, 2, 0, 3));
        return report;
    }

    static ProblemDTO problem(String code, String message, String file, int line, int column) {
        ProblemDTO problem = new ProblemDTO();
        problem.code = code;
        problem.message = message;
        problem.file = file;
        problem.line = line;
        problem.column = column;
        return problem;
    }

    static FunctionDTO function(String name, String role, String summary, String bundle, int ranking) {
        FunctionDTO dto = new FunctionDTO();
        dto.function = name;
        dto.role = role;
        dto.summary = summary;
        dto.bundleSymbolicName = bundle;
        dto.bundleVersion = "0.1.0";
        dto.ranking = ranking;
        dto.serviceId = 7;
        return dto;
    }

    static List<FunctionDTO> functions() {
        List<FunctionDTO> functions = new ArrayList<>();
        functions.add(function("csv.read", "source", "Reads a CSV file.", "io.conveyor.plugin.core", 0));
        FunctionDTO filter = function("filter.apply", "transform", "Keeps the rows that match.", "io.acme.filters",
                10);
        filter.shadowed.add(function("filter.apply", "transform", "Keeps the rows that match.",
                "io.conveyor.plugin.core", 0));
        filter.description = "Keeps the rows that match. Nulls never match.";
        filter.parameters.add(parameter("column", "string", true, null, List.of(), "The column to compare.", null));
        filter.parameters.add(parameter("operator", "string", false, "==", List.of("==", "!=", ">="),
                "How to compare.", null));
        filter.parameters.add(parameter("value", "any", true, null, List.of(), "", "150"));
        ExampleDTO example = new ExampleDTO();
        example.title = "Keep big sales";
        example.toml = """
                [[stages]]
                id = "big"
                function = "filter.apply"
                """;
        filter.examples.add(example);
        functions.add(filter);
        functions.add(function("json.write", "sink", "Writes JSON.", "io.conveyor.plugin.core", 0));
        return functions;
    }

    static ParameterDTO parameter(String name, String type, boolean required, Object defaultValue,
            List<Object> allowedValues, String description, String example) {
        ParameterDTO dto = new ParameterDTO();
        dto.name = name;
        dto.type = type;
        dto.required = required;
        dto.defaultValue = defaultValue;
        dto.allowedValues.addAll(allowedValues);
        dto.description = description;
        dto.example = example;
        return dto;
    }
}
