package org.clouddisk.web;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;

import java.io.StringReader;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A protocol request body: a JSON object read leniently (whatever the Content-Type said), with the field aliases
 * of PROTOCOL.md. Every accessor throws {@link InvalidRequestException} on a missing, mistyped or over-long value,
 * which the endpoint answers with its failure code.
 */
public final class JsonRequest {

    /** userName = user = username. */
    public static final String[] USER = {"userName", "user", "username"};
    public static final String[] NICK = {"nickName", "nickname"};
    public static final String[] PASSWORD = {"password", "pwd", "firstPwd"};
    public static final String[] FILENAME = {"fileName", "filename"};
    public static final String[] TOKEN = {"token"};
    public static final String[] MD5 = {"md5"};

    private static final Pattern MD5_HEX = Pattern.compile("[0-9a-fA-F]{32}");
    /** The longest body in characters; {@link TextBodies} reads no more than could decode to one character more. */
    static final int MAX_BODY = 64 * 1024;
    /**
     * One factory for every request: {@code Json.createParser} looks the JSON-P provider up through the class loader
     * on every call (the JFR profile of /myfiles showed the jar lookups of that search on each request).
     */
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private final JsonObject json;

    private JsonRequest(JsonObject json) {
        this.json = json;
    }

    public static JsonRequest parse(String body) {
        if (body == null || body.isBlank()) {
            return new JsonRequest(JsonValue.EMPTY_JSON_OBJECT);
        }
        if (body.length() > MAX_BODY) {
            throw new InvalidRequestException("body too long");
        }
        // A parser rather than a JsonReader: the reader ignores whatever follows the first value.
        try (JsonParser parser = PARSERS.createParser(new StringReader(body))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new InvalidRequestException("body is not a JSON object");
            }
            JsonObject object = parser.getObject();
            if (parser.hasNext()) {
                throw new InvalidRequestException("more after the JSON object");
            }
            return new JsonRequest(object);
        } catch (InvalidRequestException e) {
            throw e;
        } catch (JsonParsingException e) {
            throw new InvalidRequestException("malformed JSON: " + e.getMessage());
        } catch (RuntimeException e) {
            // JsonException, and what the parser throws past its limits: a number's exponent or digits, nesting
            throw new InvalidRequestException("unreadable JSON: " + e);
        }
    }

    /** A required string of 1..maxLength characters, under any of the given names. */
    public String text(String[] names, int maxLength) {
        return optionalText(names, maxLength).filter(s -> !s.isEmpty())
                .orElseThrow(() -> new InvalidRequestException("missing " + names[0]));
    }

    /** A string that may be absent (answered as ""), at most maxLength characters. */
    public String textOrEmpty(String[] names, int maxLength) {
        return optionalText(names, maxLength).orElse("");
    }

    /** A string of at most maxLength characters that may be absent or null (answered as empty). */
    public java.util.Optional<String> optionalText(String[] names, int maxLength) {
        JsonValue value = first(names);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return java.util.Optional.empty();
        }
        if (!(value instanceof JsonString s)) {
            throw new InvalidRequestException(names[0] + " is not a string");
        }
        String text = s.getString();
        if (text.codePointCount(0, text.length()) > maxLength) {
            throw new InvalidRequestException(names[0] + " is longer than " + maxLength);
        }
        return java.util.Optional.of(text);
    }

    /** The user name field (any alias). */
    public String user() {
        return text(USER, 32);
    }

    public String token() {
        return text(TOKEN, 128);
    }

    /** The md5 field: 32 hex digits, answered lowercase. */
    public String md5() {
        String md5 = text(MD5, 32);
        if (!MD5_HEX.matcher(md5).matches()) {
            throw new InvalidRequestException("md5 is not 32 hex digits");
        }
        return md5.toLowerCase();
    }

    /** The file name (fileName or filename): 1..255 characters without control characters. */
    public String filename() {
        return FileNames.requireValid(text(FILENAME, FileNames.MAX_LENGTH));
    }

    /** A whole number given as a JSON number or a numeric string, between min and max. */
    public int integer(String name, int min, int max) {
        JsonValue value = json.get(name);
        long n;
        try {
            if (value instanceof JsonNumber number && number.isIntegral()) {
                n = number.longValueExact();
            } else if (value instanceof JsonString s) {
                n = Long.parseLong(s.getString().trim());
            } else {
                throw new InvalidRequestException(name + " is not a whole number");
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new InvalidRequestException(name + " is not a whole number");
        }
        if (n < min || n > max) {
            throw new InvalidRequestException(name + " is out of range");
        }
        return (int) n;
    }

    /**
     * A field that may be absent (empty), null (a present empty value) or a whole number of at least 0, such as a
     * limit that null lifts.
     */
    public java.util.Optional<java.util.Optional<Long>> optionalNullableCount(String[] names) {
        JsonValue value = first(names);
        if (value == null) {
            return java.util.Optional.empty();
        }
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return java.util.Optional.of(java.util.Optional.empty());
        }
        try {
            if (value instanceof JsonNumber number && number.isIntegral() && number.longValueExact() >= 0) {
                return java.util.Optional.of(java.util.Optional.of(number.longValueExact()));
            }
        } catch (ArithmeticException tooLarge) {
            // answered below, as any other value that is not a count
        }
        throw new InvalidRequestException(names[0] + " is not a whole number of at least 0, nor null");
    }

    /** A field that may be absent (empty), or true or false. */
    public java.util.Optional<Boolean> optionalBoolean(String[] names) {
        JsonValue value = first(names);
        if (value == null) {
            return java.util.Optional.empty();
        }
        if (value.getValueType() != JsonValue.ValueType.TRUE && value.getValueType() != JsonValue.ValueType.FALSE) {
            throw new InvalidRequestException(names[0] + " is not true or false");
        }
        return java.util.Optional.of(value.getValueType() == JsonValue.ValueType.TRUE);
    }

    private JsonValue first(String[] names) {
        for (String name : names) {
            JsonValue v = json.get(name);
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
