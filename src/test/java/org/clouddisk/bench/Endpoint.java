package org.clouddisk.bench;

import jakarta.json.JsonObject;
import org.clouddisk.it.CloudDiskClient.User;

import java.util.List;

/**
 * An endpoint under wrk: the JSON body to POST ({n} makes each request's unique) or "" to GET, the text a good
 * answer holds, request headers ("Name: value"), and whether the request-path target of issue 13 applies to it.
 */
record Endpoint(String name, String path, String body, String expect, List<String> headers, boolean targeted) {

    /** A seed-protocol POST. */
    static Endpoint post(String name, String path, JsonObject body, String expect, boolean targeted) {
        return new Endpoint(name, path, body.toString(), expect, List.of(), targeted);
    }

    /** A GET without credentials. */
    static Endpoint get(String name, String path, String expect) {
        return new Endpoint(name, path, "", expect, List.of(), false);
    }

    /** A v2 GET as the user (Bearer token). */
    static Endpoint v2(String name, String path, User u, String expect) {
        return new Endpoint(name, "/api/v2" + path, "", expect, List.of("Authorization: Bearer " + u.token()), true);
    }

    /** A file name for JFR profiles of this endpoint. */
    String slug() {
        return path.replaceAll("\\W+", "-").replaceAll("^-|-$", "") + (expect.contains("005") ? "-hit"
                : expect.contains("006") ? "-miss" : "");
    }
}
