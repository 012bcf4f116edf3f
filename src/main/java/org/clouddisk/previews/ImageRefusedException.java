package org.clouddisk.previews;

/** Thrown inside the thumbnail pipeline when content gets no thumbnail; becomes a {@link Rendering.Refused}. */
final class ImageRefusedException extends Exception {

    private final Refusal reason;

    ImageRefusedException(Refusal reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    Refusal reason() {
        return reason;
    }
}
