package io.conveyor.engine.internal.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceObjects;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.conveyor.api.stage.ErrorCode;
import io.conveyor.api.stage.Sink;
import io.conveyor.api.stage.Source;
import io.conveyor.api.stage.Stage;
import io.conveyor.api.stage.StageDescriptor;
import io.conveyor.api.stage.StageException;
import io.conveyor.api.stage.StageRole;
import io.conveyor.api.stage.Transform;
import io.conveyor.engine.internal.exec.StageLease;
import io.conveyor.engine.internal.exec.StageSupplier;
import io.conveyor.engine.internal.plan.FunctionCatalog;

/**
 * Tracks every Source, Transform and Sink service (whiteboard) and serves them by
 * (function, role). The rules live in {@link ProviderTable}; this component only feeds it.
 *
 * <p>Every lease it hands out is tracked until closed, and revoked as soon as its service is
 * unbound (the bundle was updated, stopped or uninstalled), so that a continuous run sees at its
 * next batch boundary that it must move to the new version. The unbind waits, up to
 * {@link #MOVE_WAIT}, until the runs that move have closed their leases, so that the bundle's
 * stop, and the refresh that may follow, find none of its tasks in use.
 *
 * <p>DS may call bind before {@link #activate} and unbind after {@link #deactivate}: the table
 * is usable at any time, and only {@link #acquire} needs the bundle context.
 */
@Component(service = StageRegistry.class, immediate = true)
public final class StageRegistry implements FunctionCatalog, StageSupplier {

    private static final Logger LOG = LoggerFactory.getLogger(StageRegistry.class);
    /** How long an unbind waits for the continuous runs using the service to move off it. */
    static final Duration MOVE_WAIT = Duration.ofSeconds(10);

    /** How a run obtains its own instance of a provider's service. */
    @FunctionalInterface
    public interface Leaser {
        /** A lease on the provider's service, or {@code null} if it is gone. */
        StageLease lease(StageProvider provider);
    }

    private final ProviderTable table;
    private final Leaser leaser;
    private volatile BundleContext context;
    /** The open leases per service id. */
    private final Map<Long, Set<TrackedLease>> leases = new ConcurrentHashMap<>();

    /** The DS constructor: services are leased through the bundle context, prototype-aware. */
    public StageRegistry() {
        this.table = new ProviderTable();
        this.leaser = this::leaseFromFramework;
    }

    /** A registry outside a framework (tests): the table is fed directly, services leased by {@code leaser}. */
    public StageRegistry(ProviderTable table, Leaser leaser) {
        this.table = table;
        this.leaser = leaser;
    }

    @Activate
    void activate(BundleContext bundleContext) {
        this.context = bundleContext;
    }

    @Deactivate
    void deactivate() {
        this.context = null;
    }

    @Reference(service = Source.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "unbindSource", updated = "updatedSource")
    void bindSource(Source stage, ServiceReference<Source> reference) {
        add(stage, reference, StageRole.SOURCE);
    }

    void updatedSource(Source stage, ServiceReference<Source> reference) {
        add(stage, reference, StageRole.SOURCE);
    }

    void unbindSource(ServiceReference<Source> reference) {
        remove(reference);
    }

    @Reference(service = Transform.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "unbindTransform", updated = "updatedTransform")
    void bindTransform(Transform stage, ServiceReference<Transform> reference) {
        add(stage, reference, StageRole.TRANSFORM);
    }

    void updatedTransform(Transform stage, ServiceReference<Transform> reference) {
        add(stage, reference, StageRole.TRANSFORM);
    }

    void unbindTransform(ServiceReference<Transform> reference) {
        remove(reference);
    }

    @Reference(service = Sink.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "unbindSink", updated = "updatedSink")
    void bindSink(Sink stage, ServiceReference<Sink> reference) {
        add(stage, reference, StageRole.SINK);
    }

    void updatedSink(Sink stage, ServiceReference<Sink> reference) {
        add(stage, reference, StageRole.SINK);
    }

    void unbindSink(ServiceReference<Sink> reference) {
        remove(reference);
    }

    private void add(Stage stage, ServiceReference<? extends Stage> reference, StageRole role) {
        Bundle bundle = reference.getBundle();
        if (bundle == null) {
            return; // unregistered while being bound
        }
        Map<String, Object> properties = new HashMap<>();
        for (String key : reference.getPropertyKeys()) {
            properties.put(key, reference.getProperty(key));
        }
        ProviderFactory.Checked checked = ProviderFactory.check(properties, role, stage, bundle.getSymbolicName(),
                bundle.getVersion(), reference);
        if (checked.provider() == null) {
            LOG.warn("Ignoring {} service {} from {} {}: {}", role.id(), properties.get("service.id"),
                    bundle.getSymbolicName(), bundle.getVersion(), checked.rejection());
            remove(reference); // an update may have made a known service invalid
            return;
        }
        table.add(checked.provider());
        LOG.debug("Bound {} from {}", checked.provider().key(), checked.provider().providerName());
    }

    private void remove(ServiceReference<?> reference) {
        if (reference.getProperty("service.id") instanceof Long id) {
            table.remove(id);
            List<TrackedLease> moving = new ArrayList<>();
            for (TrackedLease lease : leases.getOrDefault(id, Set.of())) {
                if (lease.revoke()) {
                    moving.add(lease);
                }
            }
            awaitClosed(moving, id);
        }
    }

    private static void awaitClosed(List<TrackedLease> moving, long serviceId) {
        long deadline = System.nanoTime() + MOVE_WAIT.toNanos();
        try {
            for (TrackedLease lease : moving) {
                if (!lease.closed.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    LOG.warn("A continuous run still uses {} (service {}) after {} s: its bundle goes away while"
                            + " the run's task may still run its code", lease.provider(), serviceId,
                            MOVE_WAIT.toSeconds());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The table this registry feeds: providers, winners, shadowing. */
    public ProviderTable table() {
        return table;
    }

    @Override
    public Optional<StageDescriptor> descriptor(String function, StageRole role) {
        return table.winner(new StageKey(function, role)).map(StageProvider::descriptor);
    }

    @Override
    public Collection<String> functionNames() {
        return table.functionNames();
    }

    /** The winning service itself, for {@link Stage#validate}; runs use {@link #acquire}. */
    @Override
    public Optional<Stage> stage(String function, StageRole role) {
        return table.winner(new StageKey(function, role)).map(StageProvider::stage);
    }

    /** Waits (bounded) until every name is present as a function or a bundle; returns the missing ones. */
    public List<String> awaitPresent(Collection<String> names, Duration maxWait) throws InterruptedException {
        return table.awaitPresent(names, maxWait);
    }

    @Override
    public StageLease acquire(String function, StageRole role) throws StageException {
        for (StageProvider provider : table.providers(new StageKey(function, role))) {
            StageLease lease = lease(provider);
            if (lease != null) {
                return lease;
            }
        }
        throw new StageException(ErrorCode.PLUGIN, "function '" + function + "' is not available");
    }

    @Override
    public StageLease await(String function, StageRole role, Duration maxWait) throws InterruptedException {
        StageKey key = new StageKey(function, role);
        long deadline = System.nanoTime() + maxWait.toNanos();
        Set<Long> refused = new HashSet<>();
        while (true) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            List<StageProvider> providers = table.awaitProviders(key, refused, left);
            for (StageProvider provider : providers) {
                StageLease lease = lease(provider);
                if (lease != null) {
                    return lease;
                }
                refused.add(provider.serviceId()); // gone since the table saw it: wait for another
            }
            if (providers.isEmpty()) {
                return null;
            }
        }
    }

    /** A tracked lease on the provider's service, or {@code null} if it is gone. */
    private StageLease lease(StageProvider provider) {
        StageLease lease = leaser.lease(provider);
        if (lease == null) {
            return null;
        }
        TrackedLease tracked = new TrackedLease(lease, provider.serviceId());
        leases.compute(provider.serviceId(), (id, open) -> {
            Set<TrackedLease> tracking = open == null ? ConcurrentHashMap.newKeySet() : open;
            tracking.add(tracked);
            return tracking;
        });
        if (!table.contains(provider.serviceId())) {
            tracked.revoke(); // unbound between the table's answer and the tracking
        }
        return tracked;
    }

    /** A lease that knows when its service was unbound, and stops being tracked once closed. */
    private final class TrackedLease implements StageLease {
        private final StageLease lease;
        private final long serviceId;
        private final CountDownLatch closed = new CountDownLatch(1);
        private volatile boolean revoked;
        private volatile Runnable wake;

        TrackedLease(StageLease lease, long serviceId) {
            this.lease = lease;
            this.serviceId = serviceId;
        }

        /** Marks the lease revoked; whether its holder was woken to move off it, and will close it. */
        boolean revoke() {
            revoked = true; // before reading wake: see moveOnRevoke
            Runnable holder = wake;
            if (holder == null || closed.getCount() == 0) {
                return false;
            }
            holder.run();
            return true;
        }

        /** The holder checks {@link #revoked} after this, so a revoke in between is seen by one side or both. */
        @Override
        public void moveOnRevoke(Runnable wake) {
            this.wake = wake;
        }

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
            return revoked;
        }

        @Override
        public void close() {
            closed.countDown(); // first: releasing the service object may wait for the unbind that waits on this
            leases.computeIfPresent(serviceId, (id, open) -> {
                open.remove(this);
                return open.isEmpty() ? null : open;
            });
            lease.close();
        }
    }

    @SuppressWarnings("unchecked")
    private StageLease leaseFromFramework(StageProvider provider) {
        BundleContext bundleContext = context;
        if (bundleContext == null || provider.reference() == null) {
            return null;
        }
        ServiceObjects<Stage> objects;
        try {
            objects = bundleContext.getServiceObjects((ServiceReference<Stage>) provider.reference());
        } catch (IllegalStateException e) {
            return null; // our bundle context is no longer valid
        }
        Stage stage = objects == null ? null : objects.getService();
        if (stage == null) {
            return null; // unregistered since the table last saw it
        }
        return new ServiceLease(objects, stage, provider.providerName());
    }

    /** A lease on a service object obtained through {@link ServiceObjects}, prototype-aware. */
    private static final class ServiceLease implements StageLease {
        private final ServiceObjects<Stage> objects;
        private final Stage stage;
        private final String provider;

        ServiceLease(ServiceObjects<Stage> objects, Stage stage, String provider) {
            this.objects = objects;
            this.stage = stage;
            this.provider = provider;
        }

        @Override
        public Stage stage() {
            return stage;
        }

        @Override
        public String provider() {
            return provider;
        }

        @Override
        public void close() {
            try {
                objects.ungetService(stage);
            } catch (IllegalStateException | IllegalArgumentException e) {
                LOG.debug("Service of {} already gone at release: {}", provider, e.getMessage());
            }
        }
    }
}
