package org.clouddisk.maintenance;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.clouddisk.drive.TrashService;
import org.clouddisk.files.ContentDeletions;
import org.clouddisk.platform.Conflicts;
import org.clouddisk.platform.Settings;
import org.clouddisk.uploads.UploadService;

import java.time.LocalDateTime;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The timers of every node: every CLOUDDISK_MAINTENANCE_INTERVAL the trash older than CLOUDDISK_TRASH_DAYS is purged
 * and pending content deletions are retried, unfinished uploads past CLOUDDISK_UPLOAD_EXPIRY are ended (their bytes deleted),
 * and the reconciliation runs every night. Timers are not persistent: a node that was down simply runs at its next tick.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Maintenance {

    private static final Logger LOG = Logger.getLogger(Maintenance.class.getName());
    private static final int DELETIONS_PER_TICK = 500;
    private static final int TRASH_OWNERS_PER_TICK = 100;
    private static final int UPLOADS_PER_TICK = 500;

    @Resource
    TimerService timers;

    @Inject
    Settings settings;

    @EJB
    ContentDeletions deletions;

    @EJB
    Reconciliation reconciliation;

    @EJB
    TrashService trash;

    @EJB
    UploadService uploads;

    @PostConstruct
    void schedule() {
        long period = settings.maintenanceInterval().toMillis();
        timers.createIntervalTimer(period, period, new TimerConfig("trash-and-deletions", false));
    }

    @Timeout
    void tick() {
        purgeExpiredTrash();
        expireUploads();
        retryDeletions();
    }

    /** Unfinished uploads past CLOUDDISK_UPLOAD_EXPIRY: rows, quota and bytes go, one transaction each. */
    private void expireUploads() {
        try {
            LocalDateTime now = LocalDateTime.now();
            int expired = 0;
            for (String id : uploads.expired(now, UPLOADS_PER_TICK)) {
                if (Conflicts.retry(() -> uploads.expire(id, now))) {
                    expired++;
                }
            }
            if (expired > 0) {
                int n = expired;
                LOG.info(() -> n + " expired uploads ended");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "expired uploads not ended now: {0}", e.toString());
        }
    }

    /** One transaction per user, so one user's failure or conflict does not hold up the others. */
    private void purgeExpiredTrash() {
        try {
            LocalDateTime cutoff = LocalDateTime.now().minus(settings.trashRetention());
            for (String user : trash.usersWithTrashBefore(cutoff, TRASH_OWNERS_PER_TICK)) {
                int purged = Conflicts.retry(() -> trash.purgeTrashedBefore(user, cutoff));
                LOG.info(() -> purged + " expired trash items of " + user + " purged");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "expired trash not purged now: {0}", e.toString());
        }
    }

    private void retryDeletions() {
        try {
            int deleted = deletions.drain(DELETIONS_PER_TICK);
            if (deleted > 0) {
                LOG.info(() -> deleted + " pending content deletions done");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "pending content deletions not retried now: {0}", e.toString());
        }
    }

    @Schedule(hour = "3", minute = "17", persistent = false, info = "reconciliation")
    void reconcileNightly() {
        try {
            reconciliation.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "nightly reconciliation failed", e);
        }
    }
}
