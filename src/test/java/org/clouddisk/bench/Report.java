package org.clouddisk.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's output: Markdown tables printed as they are made, and target/bench/results.{json,md}. */
final class Report {

    private final JsonObjectBuilder json = Json.createObjectBuilder();
    private final JsonArrayBuilder targets = Json.createArrayBuilder();
    private final StringBuilder markdown = new StringBuilder();
    private final List<String[]> targetRows = new ArrayList<>();

    /** Prints and keeps a Markdown table. */
    void table(String title, List<String> header, List<List<String>> rows) {
        var t = new StringBuilder("\n### ").append(title).append("\n\n| ").append(String.join(" | ", header))
                .append(" |\n|").append("---|".repeat(header.size())).append('\n');
        rows.forEach(r -> t.append("| ").append(String.join(" | ", r)).append(" |\n"));
        text(t.toString());
    }

    void text(String text) {
        System.out.println(text);
        System.out.flush();
        markdown.append(text).append('\n');
    }

    JsonObjectBuilder json() {
        return json;
    }

    /** Records a target; answers whether it was met. */
    boolean target(String name, String measured, String goal, boolean pass) {
        targets.add(Json.createObjectBuilder().add("target", name).add("measured", measured).add("goal", goal)
                .add("pass", pass));
        targetRows.add(new String[]{name, measured, goal, pass ? "PASS" : "MISS"});
        return pass;
    }

    void targetsTable() {
        table("Targets", List.of("target", "measured", "goal", "result"),
                targetRows.stream().map(List::of).toList());
    }

    void write(Path dir) throws IOException {
        json.add("targets", targets);
        var out = new StringWriter();
        try (var w = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
            w.writeObject(json.build());
        }
        Files.writeString(dir.resolve("results.json"), out.toString());
        Files.writeString(dir.resolve("results.md"), markdown.toString());
    }

    static String f(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f", value);
    }

    static String mib(long kib) {
        return String.format(Locale.ROOT, "%.0f MiB", kib / 1024.0);
    }
}
