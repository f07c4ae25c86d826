package io.conveyor.deploy.internal;

/**
 * The watched folders and FileInstall's poll, keys of PID {@value PipelineDeployer#PID} (DS maps
 * the method names' {@code _} to {@code .}). Read by {@link BundleFolderWatcher} and
 * {@link PipelineDeployer}; an empty value means the server's default (see {@link ServerFolders}).
 */
public @interface FolderSettings {

    /** {@code deploy.dir}: the folder of plugin bundles; relative to the server home. */
    String deploy_dir() default "";

    /** {@code pipelines.dir}: the folder of pipeline files; relative to the server home. */
    String pipelines_dir() default "";

    /** {@code poll.millis}: how often FileInstall looks at both folders, in milliseconds. */
    String poll_millis() default "";
}
