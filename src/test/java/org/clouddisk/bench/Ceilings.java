package org.clouddisk.bench;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * What the same WildFly serves when the application does nothing, per number of connections, measured once in the
 * run (by the request-load section, or by the first section that needs them): the smallest JAX-RS answer and a
 * static file of the WAR. Endpoints read as a fraction of them.
 */
final class Ceilings {

    static final Endpoint JAXRS = Endpoint.get("GET /api/ping (smallest JAX-RS answer)", "/api/ping", "pong");
    static final Endpoint STATIC = Endpoint.get("GET /js/md5-worker.js (static file, 2.8 KB)", "/js/md5-worker.js",
            "SparkMD5");

    private final Wrk wrk;
    private final Map<Integer, Wrk.Result> jaxrs = new HashMap<>();
    private final Map<Integer, Wrk.Result> statics = new HashMap<>();

    Ceilings(Wrk wrk) {
        this.wrk = wrk;
    }

    /** Records a ceiling measured by a section's own run of {@link #JAXRS} or {@link #STATIC}. */
    void record(Endpoint e, Wrk.Result r) {
        (e.equals(JAXRS) ? jaxrs : statics).put(r.connections(), r);
    }

    /** req/s of the JAX-RS ceiling at this many connections, measured now if not yet. */
    double jaxrs(int connections) {
        return measured(JAXRS, jaxrs, connections).rps();
    }

    /** req/s of the static ceiling at this many connections, measured now if not yet. */
    double statics(int connections) {
        return measured(STATIC, statics, connections).rps();
    }

    /** req/s of the static ceiling if it was measured at this many connections, else NaN. */
    double staticsIfMeasured(int connections) {
        Wrk.Result r = statics.get(connections);
        return r == null ? Double.NaN : r.rps();
    }

    private Wrk.Result measured(Endpoint e, Map<Integer, Wrk.Result> results, int connections) {
        return results.computeIfAbsent(connections, c -> {
            try {
                wrk.run(e, 16, Context.WARMUP);
                return wrk.run(e, c, Context.DURATION);
            } catch (IOException ex) {
                throw new IllegalStateException(ex);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        });
    }
}
