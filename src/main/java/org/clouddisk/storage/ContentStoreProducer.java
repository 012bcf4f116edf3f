package org.clouddisk.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.clouddisk.platform.Settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.logging.Logger;

/** Chooses the content store from CLOUDDISK_STORAGE: {@code local} (default) or {@code fastdfs}. */
@ApplicationScoped
public class ContentStoreProducer {

    private static final Logger LOG = Logger.getLogger(ContentStoreProducer.class.getName());
    private static final int CONNECT_TIMEOUT_MILLIS = 3_000;
    private static final int NETWORK_TIMEOUT_MILLIS = 30_000;

    /** Both stores keep appendable content too: injectable as ContentStore and as AppendableContentStore. */
    @Produces
    @ApplicationScoped
    AppendableContentStore contentStore(Settings settings) {
        switch (settings.storage()) {
            case "fastdfs" -> {
                LOG.info(() -> "content store: FastDFS, trackers " + settings.fastdfsTrackers());
                return new FastDfsContentStore(settings.fastdfsTrackers(), CONNECT_TIMEOUT_MILLIS, NETWORK_TIMEOUT_MILLIS);
            }
            case "local" -> {
                var dir = settings.dataDir().resolve("storage");
                LOG.info(() -> "content store: local folder " + dir);
                try {
                    return new LocalContentStore(dir);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot use " + dir + " for content", e);
                }
            }
            default -> throw new IllegalStateException("CLOUDDISK_STORAGE must be local or fastdfs, not "
                    + settings.storage());
        }
    }

    /** Closes the FastDFS store's idle connections when the application stops. */
    void close(@Disposes AppendableContentStore store) {
        if (store instanceof FastDfsContentStore fastdfs) {
            fastdfs.close();
        }
    }
}
