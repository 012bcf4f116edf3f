package org.clouddisk.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs wrk (Debian's /usr/bin/wrk) against one endpoint. The Lua script POSTs a fixed JSON body, or, when the body
 * holds {n}, a body made unique per request (run, thread id and counter), or GETs when the body is empty; it counts
 * answers that are not HTTP 200 with the expected text, and its done() prints one JSON line with requests, latency
 * percentiles and error counts.
 */
final class Wrk {

    /** One wrk run: requests per second and latencies in milliseconds; bad = wrong answers plus socket errors. */
    record Result(String endpoint, int connections, double rps, double p50Ms, double p90Ms, double p99Ms,
                  double maxMs, long requests, long bad) {
    }

    private static final String COMMON = """
            -- Written by org.clouddisk.bench.Wrk. Arguments: body, expected text of a good answer, then headers
            -- ("Name: value"), e.g. a v2 request's Authorization.
            local threads = {}
            bad = 0
            function setup(thread)
              thread:set("id", #threads + 1)
              table.insert(threads, thread)
            end
            function init(args)
              body, expect = args[1], args[2]
              if body ~= "" then
                wrk.method = "POST"
                wrk.headers["Content-Type"] = "application/json"
                wrk.body = body
              end
              for i = 3, #args do
                local name, value = string.match(args[i], "^([^:]+):%s*(.*)$")
                wrk.headers[name] = value
              end
            end
            function response(status, headers, text)
              if status ~= 200 or not string.find(text, expect, 1, true) then bad = bad + 1 end
            end
            function done(summary, latency, requests)
              local wrong = 0
              for _, t in ipairs(threads) do wrong = wrong + t:get("bad") end
              local e = summary.errors
              io.write(string.format('WRK_JSON {"requests":%d,"duration_us":%d,"bad":%d,"errors":%d,'
                .. '"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d}\\n', summary.requests, summary.duration, wrong,
                e.connect + e.read + e.write + e.timeout, latency:percentile(50),
                latency:percentile(90), latency:percentile(99), latency.max))
            end
            """;

    private static final String UNIQUE = """
            local counter = 0
            function request()
              counter = counter + 1
              return wrk.format(nil, nil, nil, (string.gsub(body, "{n}", id .. "_" .. counter)))
            end
            """;

    private final String base;
    private final Path staticScript;
    private final Path uniqueScript;
    private final Path dir;
    private int runs;

    Wrk(String base, Path dir) throws IOException {
        this.base = base;
        this.dir = Files.createDirectories(dir.resolve("wrk"));
        this.staticScript = Files.writeString(dir.resolve("post.lua"), COMMON);
        this.uniqueScript = Files.writeString(dir.resolve("post-unique.lua"), COMMON + UNIQUE);
    }

    /** One endpoint's run at one number of connections. */
    Result run(Endpoint e, int connections, int seconds) throws IOException, InterruptedException {
        return run(e.name(), e.path(), e.body(), e.expect(), connections, seconds, e.headers().toArray(String[]::new));
    }

    /**
     * @param body the JSON to POST, or "" to GET
     * @param headers request headers as "Name: value"
     */
    Result run(String endpoint, String path, String body, String expect, int connections, int seconds,
               String... headers) throws IOException, InterruptedException {
        Path script = body.contains("{n}") ? uniqueScript : staticScript;
        runs++;
        body = body.replace("{n}", runs + "_{n}"); // unique across runs too: the Lua counter starts at 1 each time
        List<String> command = new ArrayList<>(List.of("wrk", "-t", Integer.toString(Math.min(2, connections)),
                "-c", Integer.toString(connections), "-d", seconds + "s", "--timeout", "10s", "-s", script.toString(),
                base + path, "--", body, expect));
        command.addAll(List.of(headers));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("wrk-" + runs + ".txt"), endpoint + " -c " + connections + "\n" + out);
        if (p.waitFor() != 0 || !out.contains("WRK_JSON ")) {
            throw new IOException("wrk failed for " + endpoint + ": " + out);
        }
        String line = out.substring(out.indexOf("WRK_JSON ") + 9).lines().findFirst().orElseThrow();
        JsonObject j = Json.createReader(new StringReader(line)).readObject();
        long requests = j.getJsonNumber("requests").longValue();
        return new Result(endpoint, connections, requests / (j.getJsonNumber("duration_us").longValue() / 1e6),
                ms(j, "p50_us"), ms(j, "p90_us"), ms(j, "p99_us"), ms(j, "max_us"), requests,
                j.getJsonNumber("bad").longValue() + j.getJsonNumber("errors").longValue());
    }

    private static double ms(JsonObject j, String key) {
        return j.getJsonNumber(key).longValue() / 1000.0;
    }
}
