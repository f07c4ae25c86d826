package io.conveyor.plugin.core.internal.json;

import java.util.Map;

/**
 * One JSON object read from the input.
 *
 * @param line   the line it starts on, from 1
 * @param values its keys in input order, with values as {@link JsonValues} holds them
 */
record JsonRecord(long line, Map<String, Object> values) {
}
