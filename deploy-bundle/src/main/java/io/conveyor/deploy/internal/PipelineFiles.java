package io.conveyor.deploy.internal;

import java.io.File;
import java.nio.file.Path;

import org.apache.felix.fileinstall.ArtifactInstaller;

/**
 * FileInstall's installer of pipeline files: the {@code *.toml} files of the folder the
 * {@link Deployments} deploy from. {@link PipelineDeployer} registers it itself, with no service
 * properties: a DS service would carry the deployer's configuration as properties, and FileInstall
 * drops and re-adds an installer whose properties change, so a watcher looking at its folder in
 * that moment would park the files for a whole poll.
 */
final class PipelineFiles implements ArtifactInstaller {

    private final Deployments deployments;

    PipelineFiles(Deployments deployments) {
        this.deployments = deployments;
    }

    @Override
    public boolean canHandle(File artifact) {
        Path file = artifact.toPath().toAbsolutePath().normalize();
        return file.getFileName().toString().endsWith(".toml") && deployments.accepts(file);
    }

    @Override
    public void install(File artifact) {
        deployments.deploy(artifact.toPath());
    }

    @Override
    public void update(File artifact) {
        deployments.deploy(artifact.toPath());
    }

    @Override
    public void uninstall(File artifact) {
        deployments.undeploy(artifact.toPath());
    }
}
