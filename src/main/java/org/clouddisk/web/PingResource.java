package org.clouddisk.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * GET /api/ping answers {@code pong}: the smallest JAX-RS answer, touching nothing behind the application. The
 * benchmark measures it as the ceiling of what the stack can serve, and it tells a load balancer the node's
 * HTTP side is up (the management port's /health/ready also checks the database, Redis and the store).
 */
@Path("ping")
public class PingResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String ping() {
        return "pong";
    }
}
