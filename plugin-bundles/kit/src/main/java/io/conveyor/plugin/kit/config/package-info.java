/** Checking and describing stage config values in the wording every Conveyor message uses. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.conveyor.plugin.kit.config;
