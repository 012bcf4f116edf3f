package org.clouddisk.uploads;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.StringReader;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A question of {@code POST /api/v2/instant}: the file the user asked for (folder, name, md5, size), the random
 * nonce whose bytes key the HMAC, and the random ranges of the content whose bytes the proof covers, in order.
 * Kept by a {@link ChallengeStore} until it is answered once or expires.
 */
public record Challenge(String id, String user, String folder, String name, String md5, long size, String nonce,
                        List<Range> ranges, Instant expires) {

    /** At least 3 ranges, as API.md requires; 4 make a guess of the bytes still less likely to pass. */
    static final int RANGES = 4;
    /** The longest range (API.md: at most 64 KiB). */
    static final int MAX_RANGE = 64 * 1024;
    /** The shortest range, when the file is at least that long. */
    static final int MIN_RANGE = 16 * 1024;
    private static final int ID_BYTES = 16;
    private static final int NONCE_BYTES = 32;
    private static final Pattern ID = Pattern.compile("[0-9a-f]{" + 2 * ID_BYTES + "}");

    /** A byte range of the content: {@code [offset, offset + length)}. */
    public record Range(long offset, long length) {
    }

    /** A new challenge with a random id, nonce and ranges inside the file's {@code size} bytes (size > 0). */
    static Challenge issue(SecureRandom random, String user, String folder, String name, String md5, long size,
                           Instant expires) {
        List<Range> ranges = new ArrayList<>(RANGES);
        for (int i = 0; i < RANGES; i++) {
            long longest = Math.min(MAX_RANGE, size);
            long shortest = Math.min(MIN_RANGE, longest);
            long length = shortest + random.nextLong(longest - shortest + 1);
            long offset = random.nextLong(size - length + 1);
            ranges.add(new Range(offset, length));
        }
        return new Challenge(hex(random, ID_BYTES), user, folder, name, md5, size, hex(random, NONCE_BYTES),
                List.copyOf(ranges), expires);
    }

    /** Whether {@code id} has the shape of a challenge id (anything else names no challenge). */
    static boolean isWellFormedId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    byte[] nonceBytes() {
        return HexFormat.of().parseHex(nonce);
    }

    String toJson() {
        JsonArrayBuilder r = Json.createArrayBuilder();
        ranges.forEach(range -> r.add(Json.createArrayBuilder().add(range.offset()).add(range.length())));
        return Json.createObjectBuilder().add("id", id).add("user", user).add("folder", folder).add("name", name)
                .add("md5", md5).add("size", size).add("nonce", nonce).add("ranges", r)
                .add("expires", expires.toEpochMilli()).build().toString();
    }

    static Challenge fromJson(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            JsonObject o = reader.readObject();
            List<Range> ranges = new ArrayList<>();
            for (JsonArray pair : o.getJsonArray("ranges").getValuesAs(JsonArray.class)) {
                ranges.add(new Range(pair.getJsonNumber(0).longValueExact(), pair.getJsonNumber(1).longValueExact()));
            }
            return new Challenge(o.getString("id"), o.getString("user"), o.getString("folder"), o.getString("name"),
                    o.getString("md5"), o.getJsonNumber("size").longValueExact(), o.getString("nonce"),
                    List.copyOf(ranges), Instant.ofEpochMilli(o.getJsonNumber("expires").longValueExact()));
        }
    }

    private static String hex(SecureRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
