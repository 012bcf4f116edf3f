package org.clouddisk.testing;

import org.clouddisk.account.TokenStore;

import java.util.ArrayList;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * What a login racing a disable relies on in every token store (the login writes its token under the account's row
 * lock, the disable revokes under it): a token whose issue returned before revokeAll was called is gone after it,
 * while other threads keep issuing tokens for that user and for another.
 */
public final class TokenStoreRaces {

    private static final int ISSUERS = 8;

    private TokenStoreRaces() {
    }

    public static void assertRevokeAllEndsEveryTokenIssuedBefore(TokenStore store, String user, String other,
                                                                int rounds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(ISSUERS);
        try {
            for (int round = 0; round < rounds; round++) {
                var before = new ConcurrentLinkedQueue<String>();
                var revoking = new AtomicBoolean();
                var stop = new AtomicBoolean();
                var loops = new ArrayList<Future<?>>();
                for (int i = 0; i < ISSUERS; i++) {
                    String issuedFor = i % 2 == 0 ? user : other;
                    loops.add(pool.submit(() -> {
                        while (!stop.get()) {
                            String token = store.issue(issuedFor, "192.0.2.1");
                            // read after the issue returned: false means revokeAll had not been called yet
                            if (issuedFor.equals(user) && !revoking.get()) {
                                before.add(token);
                            }
                        }
                        return null;
                    }));
                }
                while (before.size() < 50) {
                    Thread.onSpinWait();
                }
                revoking.set(true);
                store.revokeAll(user);
                stop.set(true);
                for (Future<?> loop : loops) {
                    loop.get(1, TimeUnit.MINUTES);
                }
                for (String token : before) {
                    assertFalse(store.touch(user, token), "round " + round + ": a token issued before revokeAll");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
