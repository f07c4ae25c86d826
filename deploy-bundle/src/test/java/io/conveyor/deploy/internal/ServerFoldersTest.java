package io.conveyor.deploy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ServerFoldersTest {

    private final Map<String, String> framework = new HashMap<>(Map.of("conveyor.mode", "server",
            "conveyor.home", "/srv/conveyor", "felix.fileinstall.poll", "200"));

    private ServerFolders server() {
        return ServerFolders.of(framework::get).orElseThrow();
    }

    private WatchedFolders resolve(String deploy, String pipelines, String poll) {
        return server().resolve(settings(deploy, pipelines, poll));
    }

    @Test
    void onlyAServerStartedByTheLauncherHasItsFoldersWatchedByTheDeployer() {
        assertEquals(Optional.empty(), ServerFolders.of(Map.of("conveyor.home", "/srv/conveyor")::get));
        assertEquals(Optional.empty(), ServerFolders.of(Map.of("conveyor.mode", "server")::get));
        assertEquals(Optional.empty(), ServerFolders.of(Map.of("conveyor.mode", "cli", "conveyor.home", "/x")::get));
        assertEquals(Path.of("/srv/conveyor/etc"), server().etc());
    }

    @Test
    void withoutSettingsTheFoldersOfTheHomeArePolledAsTheServerStarted() {
        assertEquals(new WatchedFolders(Path.of("/srv/conveyor/deploy"), Path.of("/srv/conveyor/pipelines"), 200,
                List.of()), resolve("", "", ""));
    }

    @Test
    void theLaunchersFolderPropertiesAreTheDefaults() {
        framework.put("conveyor.deploy.dir", "/opt/plugins");
        framework.put("conveyor.pipelines.dir", "/opt/flows");
        framework.remove("felix.fileinstall.poll");

        assertEquals(new WatchedFolders(Path.of("/opt/plugins"), Path.of("/opt/flows"), 1000, List.of()),
                resolve("", "", ""));
    }

    @Test
    void foldersResolveAgainstTheHomeAndThePollIsMilliseconds() {
        assertEquals(new WatchedFolders(Path.of("/srv/conveyor/plugins"), Path.of("/data/flows"), 250, List.of()),
                resolve("plugins", "/data/./flows", " 250 "));
        assertEquals(Path.of("/srv/shared"), resolve("../shared", "", "").deploy());
    }

    @Test
    void anUnusablePollIsReportedAndTheDefaultUsed() {
        assertEquals(new WatchedFolders(Path.of("/srv/conveyor/deploy"), Path.of("/srv/conveyor/pipelines"), 200,
                List.of("io.conveyor.deploy: poll.millis must be at least 1, got 0; using 200")), resolve("", "", "0"));
        assertEquals(List.of("io.conveyor.deploy: poll.millis must be a whole number of milliseconds, got '1s'; using 200"),
                resolve("", "", "1s").problems());
    }

    @Test
    void theSettingsFolderIsNeverAWatchedFolderOfTheDeployer() {
        WatchedFolders folders = resolve("etc", "", "");

        assertEquals(Path.of("/srv/conveyor/deploy"), folders.deploy());
        assertEquals(List.of("io.conveyor.deploy: deploy.dir must not be the settings folder /srv/conveyor/etc; using "
                + "/srv/conveyor/deploy"), folders.problems());
    }

    @Test
    void bundlesAndPipelinesNeedFoldersOfTheirOwn() {
        WatchedFolders folders = resolve("shared", "/srv/conveyor/shared", "");

        assertEquals(new WatchedFolders(Path.of("/srv/conveyor/deploy"), Path.of("/srv/conveyor/pipelines"), 200,
                List.of("io.conveyor.deploy: deploy.dir and pipelines.dir must be different folders, both are "
                        + "/srv/conveyor/shared; using /srv/conveyor/deploy and /srv/conveyor/pipelines")), folders);
    }

    @Test
    void theWatchersPollTheirFolderAndLogAsTheEtcWatcherDoes() {
        framework.put("felix.fileinstall.log.level", "3");
        framework.put("felix.fileinstall.log.default", "jul");
        framework.put("felix.fileinstall.tmpdir", "/srv/conveyor/cache/fileinstall");
        Map<String, String> common = Map.of("felix.fileinstall.poll", "300", "felix.fileinstall.noInitialDelay", "true",
                "felix.fileinstall.disableNio2", "true", "felix.fileinstall.log.level", "3",
                "felix.fileinstall.log.default", "jul", "felix.fileinstall.tmpdir", "/srv/conveyor/cache/fileinstall");

        Map<String, String> deploy = new HashMap<>(common);
        deploy.put("felix.fileinstall.dir", "/srv/conveyor/deploy");
        deploy.put("felix.fileinstall.bundles.new.start", "true");
        assertEquals(deploy, server().deployWatcher(Path.of("/srv/conveyor/deploy"), 300));
        Map<String, String> pipelines = new HashMap<>(common);
        pipelines.put("felix.fileinstall.dir", "/srv/conveyor/pipelines");
        pipelines.put("felix.fileinstall.filter", ".*\\.toml");
        assertEquals(pipelines, server().pipelinesWatcher(Path.of("/srv/conveyor/pipelines"), 300));
    }

    private static FolderSettings settings(String deploy, String pipelines, String poll) {
        return new FolderSettings() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return FolderSettings.class;
            }

            @Override
            public String deploy_dir() {
                return deploy;
            }

            @Override
            public String pipelines_dir() {
                return pipelines;
            }

            @Override
            public String poll_millis() {
                return poll;
            }
        };
    }
}
