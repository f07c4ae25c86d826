package io.conveyor.launcher;

/**
 * Gogo commands the launcher adds to the server's console: {@code exit} stops the server cleanly,
 * as Ctrl-D does. Gogo finds the public methods by reflection, so nothing here imports Gogo.
 */
public final class ShellCommands {

    private final EmbeddedFramework framework;

    ShellCommands(EmbeddedFramework framework) {
        this.framework = framework;
    }

    /** Stops the framework (bundles in reverse start order) and with it the server. */
    public void exit() {
        framework.requestStop();
    }
}
