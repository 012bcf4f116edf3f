/**
 * Registration, login, password hashing and the login tokens every other endpoint checks.
 */
package org.clouddisk.account;
