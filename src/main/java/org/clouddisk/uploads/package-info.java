/**
 * Getting files onto the server beyond the seed's /upload.
 * <ul>
 * <li>Resumable uploads: tus 1.0.0 at /api/v2/uploads with creation, creation-with-upload, termination and
 * expiration (API.md, "Uploads"). The bytes of every PATCH go straight into the content store's appendable content,
 * the MD5 state is saved with the upload after each PATCH, and completion seals the content and records the file as
 * /upload does, in time independent of the file's size.</li>
 * <li>Instant upload with proof of possession ({@code /api/v2/instant}): the server names random ranges of content it
 * holds, the client proves it has the file by an HMAC over those bytes; challenges are single-use and short-lived,
 * in Redis or in process.</li>
 * </ul>
 */
package org.clouddisk.uploads;
