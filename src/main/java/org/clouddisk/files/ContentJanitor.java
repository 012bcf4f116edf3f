package org.clouddisk.files;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.clouddisk.storage.ContentStore;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes content from the store once the transaction that removed its last reference has committed: never
 * before, so a rolled-back delete never loses content that rows still point to.
 */
@ApplicationScoped
public class ContentJanitor {

    private static final Logger LOG = Logger.getLogger(ContentJanitor.class.getName());

    @Inject
    ContentStore store;

    void onReleased(@Observes(during = TransactionPhase.AFTER_SUCCESS) ContentReleased released) {
        try {
            boolean deleted = store.delete(released.fileId());
            LOG.info(() -> "content " + released.md5() + " (" + released.fileId() + ") "
                    + (deleted ? "deleted from the store" : "was already gone from the store"));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "content " + released.fileId() + " could not be deleted from the store", e);
        }
    }
}
