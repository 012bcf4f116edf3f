/**
 * The JAX-RS application and what every endpoint shares: lenient JSON requests with the protocol's aliases and answers that never fail with a 500.
 */
package org.clouddisk.web;
