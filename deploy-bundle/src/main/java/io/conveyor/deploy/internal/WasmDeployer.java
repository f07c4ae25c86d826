package io.conveyor.deploy.internal;

import java.io.File;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.conveyor.wasm.WasmModuleException;
import io.conveyor.wasm.WasmModules;

/**
 * Hands the {@code .wasm} files of the watched folders to the WASM host: a file dropped in is
 * loaded, replaced it is reloaded (its stages move like a bundle's on an update), deleted it is
 * unloaded. A module the host refuses is logged with the reason; one loaded from the same file
 * before stays loaded.
 */
@Component(service = ArtifactInstaller.class)
public final class WasmDeployer implements ArtifactInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(WasmDeployer.class);

    private final WasmModules modules;

    @Activate
    public WasmDeployer(@Reference WasmModules modules) {
        this.modules = modules;
    }

    @Override
    public boolean canHandle(File artifact) {
        return artifact.getName().endsWith(".wasm");
    }

    @Override
    public void install(File artifact) throws WasmModuleException {
        load(artifact);
    }

    @Override
    public void update(File artifact) throws WasmModuleException {
        load(artifact);
    }

    private void load(File artifact) throws WasmModuleException {
        try {
            modules.install(artifact.toPath());
        } catch (WasmModuleException e) {
            LOG.error("WASM module rejected: {}", e.getMessage());
            throw e;
        }
    }

    @Override
    public void uninstall(File artifact) {
        modules.uninstall(artifact.toPath());
    }
}
