/**
 * Administration of the v2 API (API.md, "Administration"), for the users named in CLOUDDISK_ADMINS: the users with
 * their usage, a user's quota and disabled state (disabling ends the user's logins at once), and storage figures.
 */
package org.clouddisk.admin;
