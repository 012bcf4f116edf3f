/**
 * Configuration, protocol codes, schema migrations, Redis connections, transaction retries, commits in doubt and
 * readiness checks.
 */
package org.clouddisk.platform;
