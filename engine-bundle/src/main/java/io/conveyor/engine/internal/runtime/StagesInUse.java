package io.conveyor.engine.internal.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.conveyor.api.runtime.StageUseDTO;
import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.StageRole;
import io.conveyor.engine.internal.exec.StageLease;
import io.conveyor.engine.internal.exec.StageSupplier;

/**
 * Which pipeline holds which stage service right now, as runs acquire and release them: what
 * {@code conveyor:plugins} and an upgrade dry run show. A lease counts from its acquisition to its
 * release, so a stage that did not stop still counts until it returns.
 *
 * <p>Threading: thread-safe.
 */
final class StagesInUse {

    private static final Comparator<StageUseDTO> ORDER = Comparator
            .comparing((StageUseDTO use) -> use.pipelineName)
            .thenComparing(use -> StageRole.fromId(use.role))
            .thenComparing(use -> use.function);

    /** Compared by identity: two runs of one pipeline hold two entries. */
    private final List<StageUseDTO> uses = new ArrayList<>();

    /** A supplier for one run of {@code pipelineName}: the leases it hands out are tracked until closed. */
    StageSupplier supplierFor(String pipelineName, StageSupplier supplier) {
        return new StageSupplier() {
            @Override
            public StageLease acquire(String function, StageRole role) throws StageException {
                return track(pipelineName, function, role, supplier.acquire(function, role));
            }

            @Override
            public StageLease await(String function, StageRole role, Duration maxWait) throws InterruptedException {
                StageLease lease = supplier.await(function, role, maxWait);
                return lease == null ? null : track(pipelineName, function, role, lease);
            }
        };
    }

    List<StageUseDTO> snapshot() {
        List<StageUseDTO> copy = new ArrayList<>();
        synchronized (uses) {
            uses.forEach(use -> copy.add(copyOf(use)));
        }
        copy.sort(ORDER);
        return copy;
    }

    private StageLease track(String pipelineName, String function, StageRole role, StageLease lease) {
        StageUseDTO use = new StageUseDTO();
        use.pipelineName = pipelineName;
        use.function = function;
        use.role = role.id();
        use.provider = lease.provider();
        synchronized (uses) {
            uses.add(use);
        }
        return new StageLease() {
            @Override
            public Stage stage() {
                return lease.stage();
            }

            @Override
            public String provider() {
                return lease.provider();
            }

            @Override
            public boolean revoked() {
                return lease.revoked();
            }

            @Override
            public void moveOnRevoke(Runnable wake) {
                lease.moveOnRevoke(wake);
            }

            @Override
            public void close() {
                synchronized (uses) {
                    uses.remove(use);
                }
                lease.close();
            }
        };
    }

    private static StageUseDTO copyOf(StageUseDTO use) {
        StageUseDTO copy = new StageUseDTO();
        copy.pipelineName = use.pipelineName;
        copy.function = use.function;
        copy.role = use.role;
        copy.provider = use.provider;
        return copy;
    }
}
