package io.conveyor.wasm.internal.engine;

/**
 * One instance of a module. Not thread-safe: one thread at a time. After a {@link WasmFailure}
 * other than {@link WasmFailure.Kind#GUEST_ERROR} the instance must not be used again.
 */
public interface WasmInstance extends AutoCloseable {

    boolean exports(String function);

    /**
     * Calls an exported function, within the sandbox's deadline.
     *
     * @throws WasmFailure a trap, the deadline passed, the memory limit was hit
     * @throws InterruptedException the calling thread was interrupted (the run is stopping)
     */
    long[] call(String function, long... args) throws WasmFailure, InterruptedException;

    byte[] read(int address, int length) throws WasmFailure;

    void write(int address, byte[] bytes) throws WasmFailure;

    /** Whether the instance's memory has grown to the sandbox's limit. */
    boolean memoryAtLimit();

    @Override
    void close();
}
