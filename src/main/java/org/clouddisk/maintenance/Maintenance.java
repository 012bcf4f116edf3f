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
import org.clouddisk.files.ContentDeletions;
import org.clouddisk.platform.Settings;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The timers of every node: pending content deletions are retried every CLOUDDISK_MAINTENANCE_INTERVAL, and the
 * reconciliation runs every night. Timers are not persistent: a node that was down simply runs at its next tick.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Maintenance {

    private static final Logger LOG = Logger.getLogger(Maintenance.class.getName());
    private static final int DELETIONS_PER_TICK = 500;

    @Resource
    TimerService timers;

    @Inject
    Settings settings;

    @EJB
    ContentDeletions deletions;

    @EJB
    Reconciliation reconciliation;

    @PostConstruct
    void schedule() {
        long period = settings.maintenanceInterval().toMillis();
        timers.createIntervalTimer(period, period, new TimerConfig("pending-deletions", false));
    }

    @Timeout
    void retryDeletions() {
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
