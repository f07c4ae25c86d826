package io.conveyor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FrameworkPropertiesTest {

    private static final String POLL = "felix.fileinstall.poll";

    @AfterEach
    void clearOverride() {
        System.clearProperty(POLL);
    }

    @Test
    void cliStopsAtThePluginLevelAndWatchesNothing() {
        FrameworkProperties p = FrameworkProperties.forCli(Path.of("/tmp/storage"), LogLevel.WARN,
                Path.of("/opt/conveyor/wasm-plugins"));

        assertEquals("/tmp/storage", p.get("org.osgi.framework.storage"));
        assertEquals("onFirstInit", p.get("org.osgi.framework.storage.clean"));
        assertEquals("3", p.get("org.osgi.framework.startlevel.beginning"));
        assertEquals("2", p.get("felix.log.level"));
        assertEquals("error", p.get("ds.loglevel"));
        assertEquals("cli", p.get("conveyor.mode"));
        assertEquals("/opt/conveyor/wasm-plugins", p.get("conveyor.wasm.dir"));
        assertNull(p.get("felix.fileinstall.dir"));
        assertInstanceOf(FelixLogger.class, p.asMap().get("felix.log.logger"));
    }

    @Test
    void serverWatchesEtcOfItsHomeAndNamesTheDefaultFoldersOfTheDeployersWatchers() {
        ServerHome home = new ServerHome(Path.of("/srv/conveyor"));
        FrameworkProperties p = FrameworkProperties.forServer(home, Path.of("/opt/conveyor/wasm-plugins"), LogLevel.INFO);

        assertEquals("/srv/conveyor/cache", p.get("org.osgi.framework.storage"));
        assertEquals("1", p.get("org.osgi.framework.startlevel.beginning"));
        assertEquals("3", p.get("felix.startlevel.bundle"));
        assertEquals("/srv/conveyor/etc", p.get("felix.fileinstall.dir"));
        assertEquals("1000", p.get(POLL));
        assertEquals("false", p.get("felix.fileinstall.enableConfigSave"));
        assertEquals("true", p.get("felix.fileinstall.disableNio2"));
        assertEquals("true", p.get("felix.fileinstall.noInitialDelay"));
        assertEquals("true", p.get("felix.fileinstall.bundles.new.start"));
        assertEquals("3", p.get("felix.fileinstall.log.level"));
        assertEquals("/srv/conveyor", p.get("gosh.home"));
        assertEquals("server", p.get("conveyor.mode"));
        assertEquals("/srv/conveyor", p.get("conveyor.home"));
        assertEquals("/srv/conveyor/deploy", p.get("conveyor.deploy.dir"));
        assertEquals("/srv/conveyor/pipelines", p.get("conveyor.pipelines.dir"));
    }

    @Test
    void aSystemPropertyOverridesTheLauncherDefault() {
        System.setProperty(POLL, "200");

        FrameworkProperties p = FrameworkProperties.forServer(new ServerHome(Path.of("/srv/conveyor")), Path.of("/opt/conveyor/wasm-plugins"),
                LogLevel.INFO);

        assertEquals("200", p.get(POLL));
    }
}
