/**
 * Share links (API.md, "Share links"): a link to one file or folder of its owner, with an optional password (a salted
 * slow hash), expiry and download limit; the owner's list and revocation ({@code /api/v2/links}), and the public side
 * without login ({@code /api/v2/public/links/{id}}): the link's description, unlocking a password link for a
 * short-lived access token bound to it (wrong passwords throttled per link and address), the shared folder's pages,
 * downloads counted toward the limit exactly once each, and thumbnails. Content and thumbnails are answered by the
 * drive's and the previews' own answers.
 */
package org.clouddisk.links;
