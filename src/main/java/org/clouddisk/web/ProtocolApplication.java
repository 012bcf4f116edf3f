package org.clouddisk.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The JAX-RS endpoints live under /api; WEB-INF/undertow-handlers.conf rewrites the protocol's root paths
 * (/reg, /login, /md5, ...) onto them, so static files keep being served at / (see shared/STACK.md).
 */
@ApplicationPath("/api")
public class ProtocolApplication extends Application {
}
