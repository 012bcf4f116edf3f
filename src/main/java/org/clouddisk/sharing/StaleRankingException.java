package org.clouddisk.sharing;

/** The ranking is found incomplete while being read: it must be rebuilt from the database. */
public class StaleRankingException extends RuntimeException {
    public StaleRankingException(String message) {
        super(message, null, false, false);
    }
}
