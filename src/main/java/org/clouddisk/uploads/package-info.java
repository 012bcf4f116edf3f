/**
 * Resumable uploads: tus 1.0.0 at /api/v2/uploads with creation, creation-with-upload, termination and expiration
 * (API.md, "Uploads"). The bytes of every PATCH go straight into the content store's appendable content, the MD5
 * state is saved with the upload after each PATCH, and completion seals the content and records the file as /upload
 * does, in time independent of the file's size.
 */
package org.clouddisk.uploads;
