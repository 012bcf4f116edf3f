package org.clouddisk.account;

/** How a node tells every node (itself included) that tokens were revoked, so that they empty their caches. */
interface TokenRevocations extends AutoCloseable {

    /**
     * Announces a revocation and returns once every node has emptied its {@link TokenCache} or stopped trusting it;
     * {@link TokenStoreUnavailableException} when the announcement cannot be made.
     */
    void announce();

    @Override
    void close();
}
