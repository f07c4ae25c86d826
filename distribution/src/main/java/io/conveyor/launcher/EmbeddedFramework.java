package io.conveyor.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.util.tracker.ServiceTracker;

/**
 * One Felix framework holding the distribution's bundles: initialised, filled, started up to a
 * start level, asked for services, stopped.
 *
 * <p>Threading: set up and started by one thread; {@link #stop(Duration)} may be called from any
 * thread (a signal handler, a shutdown hook) and any number of times.
 */
final class EmbeddedFramework {

    private final Framework framework;
    private final List<ServiceTracker<Object, Object>> trackers = new ArrayList<>();

    private EmbeddedFramework(Framework framework) {
        this.framework = framework;
    }

    /**
     * Creates and initialises a framework. Values are strings, except {@code felix.log.logger},
     * which is a Felix {@code Logger}; Felix accepts both, hence the raw map.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static EmbeddedFramework init(Map<String, Object> configuration) throws LauncherException {
        Framework framework = new FrameworkFactory().newFramework((Map) configuration);
        try {
            framework.init();
        } catch (BundleException e) {
            throw new LauncherException(LauncherException.EXIT_FAILURE, "cannot start the OSGi framework: " + e.getMessage(), e);
        }
        return new EmbeddedFramework(framework);
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    /**
     * Installs the bundles by reference (the jars are not copied into the framework's cache) at
     * their start levels, and marks every non-fragment bundle to start when its level is reached.
     */
    void install(List<Distribution.SystemBundle> bundles) throws LauncherException {
        BundleContext context = context();
        for (Distribution.SystemBundle systemBundle : bundles) {
            try {
                Bundle bundle = context.installBundle("reference:" + systemBundle.jar().toUri());
                bundle.adapt(BundleStartLevel.class).setStartLevel(systemBundle.level());
                if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                    bundle.start();
                }
            } catch (BundleException e) {
                throw new LauncherException(LauncherException.EXIT_FAILURE,
                        "cannot install " + systemBundle.jar() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Starts the framework; returns once {@code org.osgi.framework.startlevel.beginning} is reached. */
    void start() throws LauncherException {
        try {
            framework.start();
        } catch (BundleException e) {
            throw new LauncherException(LauncherException.EXIT_FAILURE, "cannot start the OSGi framework: " + e.getMessage(), e);
        }
    }

    /** Raises the active start level and waits (bounded) until the bundles of the new levels started. */
    void raiseStartLevel(int level, Duration timeout) throws LauncherException {
        CountDownLatch reached = new CountDownLatch(1);
        framework.adapt(FrameworkStartLevel.class).setStartLevel(level, event -> {
            if (event.getType() == FrameworkEvent.STARTLEVEL_CHANGED) {
                reached.countDown();
            }
        });
        try {
            if (!reached.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new LauncherException(LauncherException.EXIT_FAILURE,
                        "start level " + level + " was not reached within " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException(LauncherException.EXIT_FAILURE, "interrupted while starting", e);
        }
    }

    /**
     * Waits until a service matching the LDAP filter is registered, and returns it; empty if none
     * came within the timeout. The service stays in use until {@link #stop}.
     */
    Optional<Object> awaitService(String filter, Duration timeout) throws LauncherException {
        ServiceTracker<Object, Object> tracker;
        try {
            tracker = new ServiceTracker<>(context(), context().createFilter(filter), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("bad filter " + filter, e);
        }
        synchronized (trackers) {
            trackers.add(tracker);
        }
        tracker.open();
        try {
            return Optional.ofNullable(tracker.waitForService(timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException(LauncherException.EXIT_FAILURE, "interrupted while starting", e);
        }
    }

    /** Asks the framework to stop and returns at once; {@link #awaitStop()} sees the end. */
    void requestStop() {
        try {
            framework.stop();
        } catch (BundleException e) {
            // Felix only throws for a framework that cannot stop because it never started
        }
    }

    /**
     * Stops the framework, which stops the bundles level by level in reverse start order, and waits
     * for it to finish. Safe to call again, from any thread.
     *
     * @return whether the framework stopped within the timeout
     */
    boolean stop(Duration timeout) {
        synchronized (trackers) {
            trackers.forEach(ServiceTracker::close);
            trackers.clear();
        }
        try {
            framework.stop();
            return framework.waitForStop(timeout.toMillis()).getType() != FrameworkEvent.WAIT_TIMEDOUT;
        } catch (BundleException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Blocks until the framework has stopped, whoever stopped it. */
    FrameworkEvent awaitStop() throws InterruptedException {
        return framework.waitForStop(0);
    }
}
