/**
 * What every /api/v2 endpoint shares: Bearer-token authentication ({@link org.clouddisk.api.BearerAuthentication}),
 * RFC 9457 problem answers with the codes of API.md ({@link org.clouddisk.api.ProblemCode}), paging, the account
 * summary (/api/v2/me) and the OpenAPI description at /openapi.
 */
package org.clouddisk.api;
