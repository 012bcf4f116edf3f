/**
 * The public share list, saving shared files and the download ranking kept in Redis.
 */
package org.clouddisk.sharing;
