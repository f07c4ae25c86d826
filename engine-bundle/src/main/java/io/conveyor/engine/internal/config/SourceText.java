package io.conveyor.engine.internal.config;

import java.util.List;

import org.tomlj.TomlPosition;

import io.conveyor.engine.internal.model.Location;

/**
 * Turns tomlj positions into {@link Location}s in one pipeline file. tomlj places an array
 * element where the whitespace before it starts (often the end of the previous line), so element
 * positions are moved forward to the value itself.
 */
final class SourceText {

    private final String file;
    private final List<String> lines;

    SourceText(String file, String text) {
        this.file = file;
        this.lines = text.lines().toList();
    }

    String file() {
        return file;
    }

    Location fileOnly() {
        return Location.of(file);
    }

    Location at(TomlPosition position) {
        return position == null ? fileOnly() : new Location(file, position.line(), position.column());
    }

    /** The position of the first token at or after {@code position}, skipping blanks and comments. */
    Location valueAt(TomlPosition position) {
        if (position == null) {
            return fileOnly();
        }
        int line = position.line();
        int column = position.column();
        while (line <= lines.size()) {
            String text = lines.get(line - 1);
            int i = column - 1;
            while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            if (i < text.length() && text.charAt(i) != '#') {
                return new Location(file, line, i + 1);
            }
            line++;
            column = 1;
        }
        return at(position);
    }
}
