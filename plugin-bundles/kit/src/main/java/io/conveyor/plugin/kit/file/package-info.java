/**
 * Files as file sources and sinks use them: binary outputs written under a hidden temporary name
 * and renamed onto their target on commit, inputs opened with errors worded like every other
 * Conveyor message ({@code cannot read data.csv: no such file}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.conveyor.plugin.kit.file;
