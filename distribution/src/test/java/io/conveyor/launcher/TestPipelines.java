package io.conveyor.launcher;

import java.nio.file.Path;

/** Pipeline files the end-to-end tests deploy into a server. */
final class TestPipelines {

    private TestPipelines() {
    }

    /** A pipeline copying {@code folder}/in.csv to {@code folder}/NAME.csv. */
    static String copy(String name, Path folder) {
        return """
                [pipeline]
                name = "%s"

                [[stages]]
                id = "load"
                function = "csv.read"
                [stages.config]
                path = "%s"

                [[stages]]
                id = "save"
                function = "csv.write"
                inputs = ["load"]
                [stages.config]
                path = "%s"
                """.formatted(name, folder.resolve("in.csv"), folder.resolve(name + ".csv"));
    }

    /**
     * The continuous pipeline {@code watched}: file.watch follows {@code events} (JSON lines), a
     * filter keeps {@code n > 2}, stdout.stream prints them.
     */
    static String watched(Path events) {
        return """
                [pipeline]
                name = "watched"

                [schedule]
                mode = "continuous"

                [[stages]]
                id = "watch"
                function = "file.watch"
                [stages.config]
                path = "%s"
                poll_interval_ms = 100

                [[stages]]
                id = "big"
                function = "filter.apply"
                inputs = ["watch"]
                [stages.config]
                expression = "n > 2"

                [[stages]]
                id = "show"
                function = "stdout.stream"
                inputs = ["big"]
                """.formatted(events);
    }
}
