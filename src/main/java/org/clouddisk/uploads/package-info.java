/**
 * Getting files onto the server beyond the seed's /upload: instant upload with proof of possession
 * ({@code /api/v2/instant}: the server names random ranges of content it holds, the client proves it has the file by
 * an HMAC over those bytes, challenges single-use and short-lived in Redis or in process), and resumable uploads
 * ({@code /api/v2/uploads}, tus 1.0.0).
 */
package org.clouddisk.uploads;
