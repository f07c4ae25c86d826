package io.conveyor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistributionTest {

    @TempDir
    Path root;

    private void touch(String relative) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "");
    }

    private List<String> names(List<Distribution.SystemBundle> bundles) {
        return bundles.stream().map(b -> b.level() + ":" + root.relativize(b.jar())).toList();
    }

    @Test
    void bundlesComeByLevelThenFileName() throws Exception {
        touch("system/2/b.jar");
        touch("system/1/z.jar");
        touch("system/2/a.jar");
        touch("system/10/late.jar");
        touch("system/3/plugin.jar");

        assertEquals(List.of("1:system/1/z.jar", "2:system/2/a.jar", "2:system/2/b.jar", "3:system/3/plugin.jar",
                "10:system/10/late.jar"), names(new Distribution(root).bundlesUpTo(10)));
    }

    @Test
    void levelsAboveTheLimitAreLeftOut() throws Exception {
        touch("system/1/log.jar");
        touch("system/4/fileinstall.jar");

        assertEquals(List.of("1:system/1/log.jar"), names(new Distribution(root).bundlesUpTo(3)));
    }

    @Test
    void onlyJarsInNumberedFoldersCount() throws Exception {
        touch("system/1/log.jar");
        touch("system/1/README.txt");
        touch("system/extra/other.jar");
        touch("system/stray.jar");

        assertEquals(List.of("1:system/1/log.jar"), names(new Distribution(root).bundlesUpTo(5)));
    }

    @Test
    void aDistributionWithoutSystemFolderIsReported() {
        LauncherException e = assertThrows(LauncherException.class, () -> new Distribution(root).bundlesUpTo(3));
        assertEquals("the distribution at " + root + " has no system/ folder", e.getMessage());
        assertEquals(1, e.exitCode());
    }
}
