package org.clouddisk.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.clouddisk.it.CloudDiskClient.Answer;
import org.clouddisk.it.CloudDiskClient.User;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The v2 API (shared/API.md) as a client speaks it, for tests: Bearer tokens, JSON in and out. */
public final class DriveClient {

    private final CloudDiskClient http;

    public DriveClient(CloudDiskClient http) {
        this.http = http;
    }

    /** Any request as the user; a null user sends no Authorization header. */
    public Answer send(User u, String method, String path, String body, String... headers) {
        String[] all = u == null ? headers : concat(headers, "Authorization", "Bearer " + u.token());
        return http.send(method, "/api/v2" + path, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                body == null ? null : "application/json", all);
    }

    /** A request that must answer {@code status} with a JSON object. */
    public JsonObject expect(int status, User u, String method, String path, String body) {
        Answer a = send(u, method, path, body);
        assertEquals(status, a.status(), method + " " + path + " answered " + a.text());
        return a.json().asJsonObject();
    }

    /** A request that must answer the problem {@code code} with {@code status}, as RFC 9457 says. */
    public JsonObject expectProblem(int status, String code, Answer a) {
        assertEquals(status, a.status(), a.text());
        assertTrue(a.header("Content-Type").startsWith("application/problem+json"), a.header("Content-Type"));
        JsonObject problem = a.json().asJsonObject();
        assertEquals(code, problem.getString("code"), a.text());
        assertEquals(status, problem.getInt("status"));
        assertTrue(problem.containsKey("type") && problem.containsKey("title") && problem.containsKey("detail"),
                a.text());
        return problem;
    }

    public JsonObject expectProblem(int status, String code, User u, String method, String path, String body) {
        return expectProblem(status, code, send(u, method, path, body));
    }

    public JsonObject node(User u, String id) {
        return expect(200, u, "GET", "/nodes/" + id, null);
    }

    public JsonObject root(User u) {
        return node(u, "root");
    }

    public JsonObject createFolder(User u, String parent, String name) {
        return expect(201, u, "POST", "/nodes/" + parent + "/children", folderBody(name));
    }

    public static String folderBody(String name) {
        return CloudDiskClient.json("name", name, "kind", "folder").toString();
    }

    /** PATCH /nodes/{id} with the given fields (name, parent); answers the raw answer. */
    public Answer patch(User u, String id, Object... fields) {
        return send(u, "PATCH", "/nodes/" + id, CloudDiskClient.json(fields).toString());
    }

    public JsonObject move(User u, String id, String parent) {
        Answer a = patch(u, id, "parent", parent);
        assertEquals(200, a.status(), a.text());
        return a.json().asJsonObject();
    }

    /** One page of a folder. */
    public JsonObject children(User u, String folder, String query) {
        return expect(200, u, "GET", "/nodes/" + folder + "/children" + query, null);
    }

    /** The names of a folder's first 1000 nodes, in the listing's order. */
    public List<String> names(User u, String folder, String query) {
        return children(u, folder, query.isEmpty() ? "?limit=1000" : query + "&limit=1000").getJsonArray("items")
                .getValuesAs(JsonValue::asJsonObject).stream().map(n -> n.getString("name")).toList();
    }

    /** Uploads content through the seed's protocol (into root) and answers the new file's node. */
    public JsonObject uploadToRoot(User u, String name, byte[] content) {
        assertEquals("008", http.uploadLegacy(u, name, content));
        return children(u, "root", "?limit=1000").getJsonArray("items").getValuesAs(JsonValue::asJsonObject)
                .stream().filter(n -> n.getString("name").equals(name)
                        && CloudDiskClient.md5(content).equals(n.getString("md5", null)))
                .findFirst().orElseThrow(() -> new AssertionError(name + " is not in root"));
    }

    /** POST /public/links/{id}/unlock with the password (and headers: X-Real-IP, as the tests come from a proxy). */
    public Answer unlock(String linkId, String password, String... headers) {
        return send(null, "POST", "/public/links/" + linkId + "/unlock",
                CloudDiskClient.json("password", password).toString(), headers);
    }

    public static String id(JsonObject node) {
        return node.getString("id");
    }

    /** DELETE /nodes/{id}: the node goes to the trash. */
    public void trash(User u, String id) {
        Answer a = send(u, "DELETE", "/nodes/" + id, null);
        assertEquals(204, a.status(), a.text());
    }

    /** The items of the user's trash, newest first (the first 1000). */
    public List<JsonObject> trashItems(User u) {
        return expect(200, u, "GET", "/trash?limit=1000", null).getJsonArray("items")
                .getValuesAs(JsonValue::asJsonObject);
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
