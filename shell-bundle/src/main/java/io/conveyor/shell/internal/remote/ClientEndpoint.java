package io.conveyor.shell.internal.remote;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code bin/conveyor client} talks to: in a server ({@code conveyor.mode=server}), a
 * {@link ClientListener} on a loopback port. Anywhere else (the CLI, Karaf, Pax Exam) it stays
 * closed: Karaf has its own client.
 */
@Component(immediate = true)
public final class ClientEndpoint {

    /** Framework property: the port to listen on; 0 (the default) lets the system choose one. */
    public static final String PORT_PROPERTY = "conveyor.client.port";

    private static final Logger LOG = LoggerFactory.getLogger(ClientEndpoint.class);

    private final Optional<ClientListener> listener;

    @Activate
    public ClientEndpoint(@Reference CommandProcessor processor, BundleContext context) throws IOException {
        String home = context.getProperty("conveyor.home");
        if (!"server".equals(context.getProperty("conveyor.mode")) || home == null) {
            listener = Optional.empty();
            return;
        }
        Optional<ClientSecret> secret = loadSecret(Path.of(home).resolve(ClientListener.SECRET_FILE));
        listener = secret.isEmpty() ? Optional.empty()
                : Optional.of(ClientListener.open(processor, secret.get(), Path.of(home), port(context)));
    }

    private static Optional<ClientSecret> loadSecret(Path file) throws IOException {
        try {
            return Optional.of(ClientSecret.loadOrCreate(file));
        } catch (ClientSecret.RefusedSetup e) {
            LOG.error("bin/conveyor client is turned off: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private static int port(BundleContext context) {
        String text = context.getProperty(PORT_PROPERTY);
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PORT_PROPERTY + " must be a port number, got '" + text + "'", e);
        }
    }

    @Deactivate
    void deactivate() throws IOException, InterruptedException {
        if (listener.isPresent()) {
            listener.get().close();
        }
    }
}
