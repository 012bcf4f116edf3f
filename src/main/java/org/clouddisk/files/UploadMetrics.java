package org.clouddisk.files;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Upload counters for operators, exported by WildFly's Micrometer subsystem (:9990/metrics). */
@ApplicationScoped
public class UploadMetrics {

    @Inject
    MeterRegistry registry;

    private Counter uploads;
    private Counter instantUploads;
    private Counter storedBytes;
    private Counter failures;

    /*
     * registry.counter(name), not Counter.builder(...).register(registry): WildFly's per-deployment registry
     * forwards only the former to the exported registry; builder-made meters stay invisible on :9990/metrics.
     */
    @PostConstruct
    void register() {
        uploads = registry.counter("clouddisk.uploads");                  // uploads recorded (008)
        instantUploads = registry.counter("clouddisk.instant.uploads");   // instant uploads (005)
        storedBytes = registry.counter("clouddisk.stored.bytes");         // bytes of new content kept in the store
        failures = registry.counter("clouddisk.upload.failures");         // uploads refused or failed (009)
    }

    void uploaded(UploadOutcome outcome, long size) {
        uploads.increment();
        if (outcome == UploadOutcome.NEW_CONTENT) {
            storedBytes.increment(size);
        }
    }

    void instantUploaded() {
        instantUploads.increment();
    }

    void failed() {
        failures.increment();
    }
}
