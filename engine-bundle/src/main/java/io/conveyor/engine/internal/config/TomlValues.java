package io.conveyor.engine.internal.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/** Converts tomlj values into plain, unmodifiable Java values: Map, List, String, Long, ... */
final class TomlValues {

    private TomlValues() {
    }

    static Object toJava(Object value) {
        if (value instanceof TomlTable table) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (String key : keysInFileOrder(table)) {
                map.put(key, toJava(table.get(List.of(key))));
            }
            return Collections.unmodifiableMap(map);
        }
        if (value instanceof TomlArray array) {
            List<Object> list = new ArrayList<>(array.size());
            for (int i = 0; i < array.size(); i++) {
                list.add(toJava(array.get(i)));
            }
            return Collections.unmodifiableList(list);
        }
        return value;
    }

    /** The table's keys in the order they are written in the file. */
    static List<String> keysInFileOrder(TomlTable table) {
        List<String> keys = new ArrayList<>(table.keySet());
        Comparator<TomlPosition> byPlace = Comparator.comparingInt(TomlPosition::line)
                .thenComparingInt(TomlPosition::column);
        keys.sort(Comparator.comparing(k -> table.inputPositionOf(List.of(k)),
                Comparator.nullsLast(byPlace)));
        return keys;
    }
}
