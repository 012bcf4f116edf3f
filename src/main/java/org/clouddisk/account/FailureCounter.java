package org.clouddisk.account;

import java.time.Duration;

/** Counts failures under a key; a key's count ends once no failure was added for the window. */
public interface FailureCounter {

    /** Adds one failure and starts the window again; answers the new count. */
    long add(String key, Duration window);

    /** The current count (0 once the window has passed). */
    long count(String key);

    void clear(String key);
}
