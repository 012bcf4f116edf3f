/** Helpers shared by the unit tests. */
package org.clouddisk.testing;
