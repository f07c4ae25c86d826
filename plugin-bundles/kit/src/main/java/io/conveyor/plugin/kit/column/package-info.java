/**
 * Column access shared by the built-in plugin bundles: reading any Arrow vector's cells as
 * long/double/boolean/text, building batches column by column, copying rows, and the type
 * names messages use.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.conveyor.plugin.kit.column;
