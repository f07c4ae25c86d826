package io.conveyor.deploy.internal;

import java.nio.file.Path;
import java.util.List;

/**
 * The folders FileInstall is to watch and its poll, as the settings ask once every unusable value
 * is replaced by its default; {@code problems} says which were replaced and why, one log line each.
 */
record WatchedFolders(Path deploy, Path pipelines, long pollMillis, List<String> problems) {
}
