package org.clouddisk.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.clouddisk.storage.ContentStore;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import javax.sql.DataSource;
import java.sql.Connection;

/**
 * Readiness checks (MicroProfile Health, served by WildFly at :9990/health/ready): a node is ready when its
 * database, Redis (when configured) and content store answer. nginx or an orchestrator takes it out of
 * rotation otherwise.
 */
@ApplicationScoped
public class ReadinessChecks {

    private static final int DATABASE_TIMEOUT_SECONDS = 2;

    @Resource(lookup = "java:jboss/datasources/CloudDiskDS")
    DataSource dataSource;

    @Inject
    Redis redis;

    @Inject
    ContentStore store;

    @Produces
    @org.eclipse.microprofile.health.Readiness
    HealthCheck database() {
        return () -> {
            try (Connection c = dataSource.getConnection()) {
                return HealthCheckResponse.named("database").status(c.isValid(DATABASE_TIMEOUT_SECONDS))
                        .withData("product", c.getMetaData().getDatabaseProductName()).build();
            } catch (Exception e) {
                return down("database", e);
            }
        };
    }

    @Produces
    @org.eclipse.microprofile.health.Readiness
    HealthCheck redis() {
        return () -> {
            try {
                return redis.client().map(c -> HealthCheckResponse.named("redis").status("PONG".equals(c.ping())).build())
                        .orElseGet(() -> HealthCheckResponse.named("redis").up().withData("mode", "in-process").build());
            } catch (RuntimeException e) {
                return down("redis", e);
            }
        };
    }

    @Produces
    @org.eclipse.microprofile.health.Readiness
    HealthCheck contentStore() {
        return () -> {
            try {
                store.probe();
                return HealthCheckResponse.named("content-store").up().build();
            } catch (Exception e) {
                return down("content-store", e);
            }
        };
    }

    private static HealthCheckResponse down(String name, Exception e) {
        return HealthCheckResponse.named(name).down().withData("error", String.valueOf(e.getMessage())).build();
    }
}
