package io.conveyor.engine.internal.exec;

import java.io.InputStream;
import java.io.PrintStream;

/** The standard streams a run's stages see ({@code stdin.read}, {@code stdout.write}). */
public record RunIO(InputStream stdin, PrintStream stdout) {
}
