package io.conveyor.wasm.internal.engine;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.kawamuray.wasmtime.Config;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.WasmtimeException;

/**
 * wasmtime through wasmtime-java 0.19 (native, opt-in). A ticker thread advances the engine's
 * epoch every {@value #TICK_MILLIS} ms and every call gets an epoch deadline, which stops the
 * guest at the sandbox's call limit. wasmtime-java has no memory limiter, so an instance is made
 * only of a module whose declared memory maximum is within the sandbox's limit
 * ({@link WasmtimeModule}).
 *
 * <p>Native objects are freed exactly once: the engine itself when it has been shut down and its
 * last instance is closed, since a running instance still needs the ticker.
 */
public final class WasmtimeEngine implements WasmEngine {

    public static final String NAME = "wasmtime";
    static final long TICK_MILLIS = 10;

    private final Engine engine;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "conveyor-wasmtime-epoch");
        thread.setDaemon(true);
        return thread;
    });
    private int liveInstances;
    private boolean shutDown;
    private boolean disposed;

    /**
     * Loads the native library (on first use in this class loader) and starts the ticker.
     *
     * @throws WasmFailure {@link WasmFailure.Kind#REFUSED} when the native library cannot be loaded on this platform
     */
    public WasmtimeEngine() throws WasmFailure {
        try (Config config = new Config().epochInterruption(true)) {
            this.engine = new Engine(config);
        } catch (RuntimeException | LinkageError e) {
            throw new WasmFailure(WasmFailure.Kind.REFUSED, "the wasmtime engine cannot start on this platform ("
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "): " + e
                    + "; use the chicory engine", e);
        }
        NativeLibraryCopies.deleteLoaded();
        ticker.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompiledModule compile(String name, byte[] bytes) throws WasmFailure {
        ModuleShape shape = ModuleShape.parse(bytes);
        synchronized (this) {
            checkRunning();
            try {
                return new WasmtimeModule(this, shape, new Module(engine, bytes));
            } catch (WasmtimeException e) {
                throw new WasmFailure(WasmFailure.Kind.NOT_WASM, "not a valid WebAssembly module: " + e.getMessage(), e);
            }
        }
    }

    Engine engine() {
        return engine;
    }

    /** The epoch deadline for a call of {@code millis}: at least that long, however the ticks fall. */
    static long ticksFor(long millis) {
        return (millis + TICK_MILLIS - 1) / TICK_MILLIS + 1;
    }

    /** Counts an instance being made; it must be {@link #released} exactly once. */
    synchronized void retain() throws WasmFailure {
        checkRunning();
        liveInstances++;
    }

    synchronized void released() {
        liveInstances--;
        disposeIfDone();
    }

    /** Makes no more modules or instances; the engine is freed once the last instance is closed. */
    public synchronized void shutdown() {
        shutDown = true;
        disposeIfDone();
    }

    private void checkRunning() throws WasmFailure {
        if (shutDown) {
            throw new WasmFailure(WasmFailure.Kind.REFUSED, "the wasmtime engine has been shut down");
        }
    }

    private void disposeIfDone() {
        if (shutDown && liveInstances == 0 && !disposed) {
            disposed = true;
            ticker.shutdownNow();
            // modules and stores hold their own references to the native engine
            engine.dispose();
        }
    }

    private void tick() {
        synchronized (this) {
            if (disposed) {
                return;
            }
            engine.incrementEpoch();
        }
    }
}
