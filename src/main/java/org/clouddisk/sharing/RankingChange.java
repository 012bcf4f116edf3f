package org.clouddisk.sharing;

/** A committed change of the share list that the ranking must follow; fired inside the transaction. */
record RankingChange(Kind kind, RankedFile file) {

    enum Kind { ADDED, REMOVED, VIEWED }
}
