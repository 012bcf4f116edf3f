package org.clouddisk.links;

import java.time.Duration;

/**
 * Password attempts per key, counted before the password is checked: counting and deciding are one atomic step, so
 * parallel attempts cannot all pass a limit that each alone would see as not reached yet. A key's count ends once
 * no attempt was counted for the window.
 */
interface AttemptCounter {

    /** Counts one more attempt and starts the window again, unless {@code max} are counted already; whether it did. */
    boolean reserve(String key, int max, Duration window);

    /** Takes one counted attempt back, leaving the window as it is. */
    void release(String key);
}
