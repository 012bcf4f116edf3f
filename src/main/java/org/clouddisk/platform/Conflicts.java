package org.clouddisk.platform;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Runs a transactional call again when the database refused it because a concurrent transaction won a race:
 * a unique key taken in between (SQLState 23xxx) or a deadlock / lock wait timeout (40xxx, MariaDB 1213 / 1205).
 * The call must be a whole container-managed transaction (a business method of a @Stateless service called from
 * outside any transaction), so that each attempt starts afresh.
 */
public final class Conflicts {

    private static final int ATTEMPTS = 8;

    private Conflicts() {
    }

    public static <T> T retry(Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isConflict(e)) {
                    throw e;
                }
                backOff(attempt);
            }
        }
    }

    /** {@link #retry(Supplier)} for a transaction that answers nothing. */
    public static void retry(Runnable transaction) {
        retry(() -> {
            transaction.run();
            return null;
        });
    }

    static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("23") || state.startsWith("40"))) {
                    return true;
                }
                if (sql.getErrorCode() == 1213 || sql.getErrorCode() == 1205) {
                    return true;
                }
            }
            if (t instanceof jakarta.persistence.OptimisticLockException
                    || t instanceof jakarta.persistence.PessimisticLockException
                    || t instanceof jakarta.persistence.EntityExistsException) {
                return true;
            }
        }
        return false;
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L << Math.min(attempt, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a transaction", e);
        }
    }
}
