package org.clouddisk.admin;

/** Fired in the transaction that disables a user; the user's tokens are revoked again once it committed. */
record UserDisabled(String user) {
}
