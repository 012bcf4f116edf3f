/**
 * Keeping the data healthy: retrying content deletions the store could not take, and the reconciliation that
 * checks the storage invariants, repairs what can be derived and reports what cannot (timers and an admin
 * endpoint for operators).
 */
package org.clouddisk.maintenance;
