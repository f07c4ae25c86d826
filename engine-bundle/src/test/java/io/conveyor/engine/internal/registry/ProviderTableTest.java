package io.conveyor.engine.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageRole;

class ProviderTableTest {

    private final ProviderTable table = new ProviderTable();

    static StageProvider provider(String function, StageRole role, long serviceId, int ranking, String bsn,
            String version) {
        StageDescriptor descriptor = StageDescriptor.builder(function, role).build();
        Stage stage = () -> descriptor;
        return new StageProvider(new StageKey(function, role), serviceId, ranking, bsn, Version.parseVersion(version),
                descriptor, stage, null);
    }

    private long winnerId(String function, StageRole role) {
        return table.winner(new StageKey(function, role)).orElseThrow().serviceId();
    }

    @Test
    void higherRankingWinsOverHigherVersionAndOlderService() {
        table.add(provider("csv.read", StageRole.SOURCE, 1, 0, "a", "9.0.0"));
        table.add(provider("csv.read", StageRole.SOURCE, 2, 5, "b", "1.0.0"));
        assertEquals(2, winnerId("csv.read", StageRole.SOURCE));
    }

    @Test
    void higherBundleVersionWinsAtEqualRanking() {
        table.add(provider("csv.read", StageRole.SOURCE, 1, 0, "a", "1.0.0"));
        table.add(provider("csv.read", StageRole.SOURCE, 2, 0, "a", "1.10.0"));
        table.add(provider("csv.read", StageRole.SOURCE, 3, 0, "a", "1.2.0"));
        assertEquals(2, winnerId("csv.read", StageRole.SOURCE));
    }

    @Test
    void lowerServiceIdWinsWhenRankingAndVersionTie() {
        table.add(provider("csv.read", StageRole.SOURCE, 7, 0, "b", "1.0.0"));
        table.add(provider("csv.read", StageRole.SOURCE, 4, 0, "a", "1.0.0"));
        assertEquals(4, winnerId("csv.read", StageRole.SOURCE));
    }

    @Test
    void shadowedProviderTakesOverWhenTheWinnerLeaves() {
        table.add(provider("filter.apply", StageRole.TRANSFORM, 1, 0, "core", "1.0.0"));
        table.add(provider("filter.apply", StageRole.TRANSFORM, 2, 10, "custom", "1.0.0"));
        assertEquals(List.of(2L, 1L), table.providers(new StageKey("filter.apply", StageRole.TRANSFORM))
                .stream().map(StageProvider::serviceId).toList());

        table.remove(2);

        assertEquals(1, winnerId("filter.apply", StageRole.TRANSFORM));
        table.remove(1);
        assertTrue(table.winner(new StageKey("filter.apply", StageRole.TRANSFORM)).isEmpty());
        assertTrue(table.snapshot().isEmpty());
    }

    @Test
    void sameFunctionInTwoRolesAreSeparateKeys() {
        table.add(provider("echo", StageRole.SOURCE, 1, 0, "w", "1.0.0"));
        table.add(provider("echo", StageRole.SINK, 2, 0, "w", "1.0.0"));
        assertEquals(1, winnerId("echo", StageRole.SOURCE));
        assertEquals(2, winnerId("echo", StageRole.SINK));
        assertEquals(List.of("echo"), List.copyOf(table.functionNames()));
    }

    @Test
    void readdingAServiceReplacesItsEntry() {
        table.add(provider("csv.read", StageRole.SOURCE, 1, 0, "a", "1.0.0"));
        table.add(provider("csv.read", StageRole.SOURCE, 2, 1, "b", "1.0.0"));
        table.add(provider("csv.read", StageRole.SOURCE, 1, 5, "a", "1.0.0"));
        assertEquals(List.of(1L, 2L), table.providers(new StageKey("csv.read", StageRole.SOURCE))
                .stream().map(StageProvider::serviceId).toList());
    }

    @Test
    void serviceReaddedUnderAnotherFunctionLeavesItsOldKey() {
        table.add(provider("a.apply", StageRole.TRANSFORM, 1, 0, "a", "1.0.0"));
        table.add(provider("b.apply", StageRole.TRANSFORM, 1, 0, "a", "1.0.0"));
        assertEquals(List.of("b.apply (transform)"),
                table.snapshot().keySet().stream().map(StageKey::toString).toList());
        assertEquals(List.of("b.apply"), List.copyOf(table.functionNames()));
    }

    @Test
    void serviceReaddedUnderAnotherRoleLeavesItsOldKey() {
        table.add(provider("echo", StageRole.SOURCE, 1, 0, "a", "1.0.0"));
        table.add(provider("echo", StageRole.SINK, 1, 0, "a", "1.0.0"));
        assertTrue(table.winner(new StageKey("echo", StageRole.SOURCE)).isEmpty());
        assertEquals(1, winnerId("echo", StageRole.SINK));
    }

    @Test
    void snapshotIsSortedByRoleThenName() {
        table.add(provider("z.write", StageRole.SINK, 1, 0, "a", "1.0.0"));
        table.add(provider("b.read", StageRole.SOURCE, 2, 0, "a", "1.0.0"));
        table.add(provider("a.read", StageRole.SOURCE, 3, 0, "a", "1.0.0"));
        table.add(provider("m.apply", StageRole.TRANSFORM, 4, 0, "a", "1.0.0"));
        assertEquals(List.of("a.read", "b.read", "m.apply", "z.write"),
                table.snapshot().keySet().stream().map(StageKey::function).toList());
    }

    @Test
    void awaitReturnsTheNamesThatNeverCame() throws InterruptedException {
        table.add(provider("csv.read", StageRole.SOURCE, 1, 0, "io.conveyor.plugin.core", "1.0.0"));
        assertEquals(List.of("stamp.apply", "io.x"),
                table.awaitPresent(List.of("csv.read", "stamp.apply", "io.conveyor.plugin.core", "io.x"),
                        Duration.ZERO));
    }

    @Test
    void awaitAcceptsFunctionNamesAndBundleNamesOfShadowedProviders() throws InterruptedException {
        table.add(provider("csv.read", StageRole.SOURCE, 1, 9, "winner", "1.0.0"));
        table.add(provider("csv.read", StageRole.SOURCE, 2, 0, "loser", "1.0.0"));
        assertEquals(List.of(), table.awaitPresent(List.of("csv.read", "loser"), Duration.ZERO));
    }

    @Test
    void awaitWakesUpWhenTheLastMissingFunctionArrives() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch waiting = new CountDownLatch(1);
            CompletableFuture<List<String>> result = CompletableFuture.supplyAsync(() -> {
                waiting.countDown();
                try {
                    return table.awaitPresent(List.of("stamp.apply", "csv.read"), Duration.ofMinutes(5));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, executor);
            waiting.await();
            table.add(provider("csv.read", StageRole.SOURCE, 1, 0, "core", "1.0.0"));
            table.add(provider("stamp.apply", StageRole.TRANSFORM, 2, 0, "stamp", "1.0.0"));
            assertEquals(List.of(), result.get());
        } finally {
            executor.shutdownNow();
        }
    }
}
