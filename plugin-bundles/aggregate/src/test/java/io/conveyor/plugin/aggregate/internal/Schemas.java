package io.conveyor.plugin.aggregate.internal;

import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.arrow.vector.types.pojo.Schema;

import io.conveyor.testing.BatchText;

/** Renders schemas as BatchText does: {@code id:int64, name:utf8}. */
public final class Schemas {

    private Schemas() {
    }

    public static String text(Schema schema) {
        return schema.getFields().stream().map(f -> f.getName() + ":" + BatchText.typeName(f))
                .collect(Collectors.joining(", "));
    }

    public static String text(Optional<Schema> schema) {
        return schema.map(Schemas::text).orElse("unknown");
    }
}
