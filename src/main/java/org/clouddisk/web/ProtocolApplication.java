package org.clouddisk.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The JAX-RS endpoints live under /api; WEB-INF/undertow-handlers.conf rewrites the protocol's root paths
 * (/reg, /login, /md5, ...) onto them, so static files keep being served at / (see shared/STACK.md). The v2 API
 * below /api/v2 is described at /openapi.
 */
@ApplicationPath("/api")
@OpenAPIDefinition(info = @Info(title = "CloudDisk drive API", version = "2",
        description = "The v2 API of shared/API.md; log in with POST /login and send the token as a Bearer token."))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer")
public class ProtocolApplication extends Application {
}
