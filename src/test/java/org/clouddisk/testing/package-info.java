/** Helpers shared by the unit tests and the integration tests. */
package org.clouddisk.testing;
