/**
 * Configuration, protocol codes, schema migrations, Redis connections, transaction retries and readiness checks.
 */
package org.clouddisk.platform;
