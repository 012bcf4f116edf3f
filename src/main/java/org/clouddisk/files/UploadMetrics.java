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

    @PostConstruct
    void register() {
        uploads = Counter.builder("clouddisk.uploads").description("uploads recorded (008)").register(registry);
        instantUploads = Counter.builder("clouddisk.instant.uploads").description("instant uploads (005)")
                .register(registry);
        storedBytes = Counter.builder("clouddisk.stored.bytes").baseUnit("bytes")
                .description("bytes of new content kept in the content store").register(registry);
        failures = Counter.builder("clouddisk.upload.failures").description("uploads refused or failed (009)")
                .register(registry);
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
