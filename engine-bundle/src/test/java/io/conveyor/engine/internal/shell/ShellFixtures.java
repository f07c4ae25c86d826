package io.conveyor.engine.internal.shell;

import java.util.ArrayList;
import java.util.List;

import io.conveyor.api.runtime.FunctionDTO;
import io.conveyor.api.runtime.ProblemDTO;
import io.conveyor.api.runtime.RunReportDTO;
import io.conveyor.api.runtime.StageReportDTO;
import io.conveyor.api.stage.Parameter;
import io.conveyor.api.stage.ParameterType;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageRole;

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
        filter.descriptor = StageDescriptor.builder("filter.apply", StageRole.TRANSFORM)
                .description("Keeps the rows that match. Nulls never match.")
                .parameter(Parameter.builder("column", ParameterType.STRING).required()
                        .description("The column to compare.").build())
                .parameter(Parameter.builder("operator", ParameterType.STRING).defaultValue("==")
                        .allowedValues("==", "!=", ">=").description("How to compare.").build())
                .parameter(Parameter.builder("value", ParameterType.ANY).required().example("150").build())
                .example("Keep big sales", """
                        [[stages]]
                        id = "big"
                        function = "filter.apply"
                        """)
                .build();
        functions.add(filter);
        functions.add(function("json.write", "sink", "Writes JSON.", "io.conveyor.plugin.core", 0));
        return functions;
    }
}
