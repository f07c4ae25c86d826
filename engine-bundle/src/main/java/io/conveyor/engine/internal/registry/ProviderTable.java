package io.conveyor.engine.internal.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The framework-independent core of the stage registry: which providers exist per
 * {@link StageKey}, which one wins, and waiting for functions or bundles to appear.
 *
 * <p>Threading: every method is thread-safe. {@link #add} and {@link #remove} never block
 * beyond a short lock, so they may be called from DS bind/unbind methods.
 */
public final class ProviderTable {

    private static final Comparator<StageKey> KEY_ORDER = Comparator
            .comparing(StageKey::role).thenComparing(StageKey::function);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Providers per key, best first. */
    private final Map<StageKey, List<StageProvider>> byKey = new HashMap<>();

    /**
     * Adds a provider, or replaces the one with the same service id; it wins its key if it takes
     * precedence over the current winner. A service whose properties changed its function or role
     * leaves its old key.
     */
    public void add(StageProvider provider) {
        lock.lock();
        try {
            removeFromEveryKey(provider.serviceId());
            List<StageProvider> providers = byKey.computeIfAbsent(provider.key(), k -> new ArrayList<>());
            providers.add(provider);
            providers.sort(StageProvider.PRECEDENCE);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Removes the provider with this service id, if present; the next one takes over its key. */
    public void remove(long serviceId) {
        lock.lock();
        try {
            removeFromEveryKey(serviceId);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void removeFromEveryKey(long serviceId) {
        byKey.values().forEach(list -> list.removeIf(p -> p.serviceId() == serviceId));
        byKey.values().removeIf(List::isEmpty);
    }

    /** The winning provider of this key, or empty. */
    public Optional<StageProvider> winner(StageKey key) {
        lock.lock();
        try {
            List<StageProvider> providers = byKey.get(key);
            return providers == null ? Optional.empty() : Optional.of(providers.get(0));
        } finally {
            lock.unlock();
        }
    }

    /** Every provider of this key, best first: the winner, then the shadowed ones. */
    public List<StageProvider> providers(StageKey key) {
        lock.lock();
        try {
            return List.copyOf(byKey.getOrDefault(key, List.of()));
        } finally {
            lock.unlock();
        }
    }

    /** Whether the provider with this service id is present (winning or shadowed). */
    public boolean contains(long serviceId) {
        lock.lock();
        try {
            return byKey.values().stream().flatMap(List::stream).anyMatch(p -> p.serviceId() == serviceId);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until this key has a provider whose service id is not in {@code excluded}.
     *
     * @return those providers, best first; empty if none came within the wait
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public List<StageProvider> awaitProviders(StageKey key, Set<Long> excluded, Duration maxWait)
            throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        lock.lock();
        try {
            while (true) {
                List<StageProvider> found = byKey.getOrDefault(key, List.of()).stream()
                        .filter(p -> !excluded.contains(p.serviceId())).toList();
                long remaining = deadline - System.nanoTime();
                if (!found.isEmpty() || remaining <= 0) {
                    return found;
                }
                changed.await(remaining, TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Every key with at least one provider, with its providers best first; sorted by role, then name. */
    public Map<StageKey, List<StageProvider>> snapshot() {
        lock.lock();
        try {
            Map<StageKey, List<StageProvider>> copy = new TreeMap<>(KEY_ORDER);
            byKey.forEach((key, providers) -> copy.put(key, List.copyOf(providers)));
            return copy;
        } finally {
            lock.unlock();
        }
    }

    /** Every function name provided in any role, sorted. */
    public Collection<String> functionNames() {
        lock.lock();
        try {
            Set<String> names = new TreeSet<>();
            byKey.keySet().forEach(key -> names.add(key.function()));
            return names;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until every name is present, as a function name (any role) or as the symbolic name
     * of a bundle providing some stage, shadowed providers included.
     *
     * @return the names still missing when the wait ended, in the given order; empty on success
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public List<String> awaitPresent(Collection<String> names, Duration maxWait) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        lock.lock();
        try {
            while (true) {
                List<String> missing = missing(names);
                long remaining = deadline - System.nanoTime();
                if (missing.isEmpty() || remaining <= 0) {
                    return missing;
                }
                changed.await(remaining, TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    private List<String> missing(Collection<String> names) {
        Set<String> present = new LinkedHashSet<>();
        byKey.forEach((key, providers) -> {
            present.add(key.function());
            providers.forEach(p -> present.add(p.bundleSymbolicName()));
        });
        List<String> missing = new ArrayList<>();
        for (String name : new LinkedHashSet<>(names)) {
            if (!present.contains(name)) {
                missing.add(name);
            }
        }
        return missing;
    }
}
