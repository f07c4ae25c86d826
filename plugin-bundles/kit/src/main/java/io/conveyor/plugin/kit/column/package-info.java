/**
 * Column access shared by the built-in plugin bundles: reading any Arrow vector's cells as
 * long/double/boolean/text (or raw bytes, or ISO dates), building batches column by column,
 * adding a column to a batch, copying rows, and the type names messages use.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.conveyor.plugin.kit.column;
