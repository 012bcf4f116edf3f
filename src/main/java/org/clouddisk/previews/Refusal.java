package org.clouddisk.previews;

/** Why content gets no thumbnail. */
enum Refusal {
    /** No ImageIO decoder recognises the content. */
    NOT_AN_IMAGE,
    /** A decoder recognises the format but cannot read this variant of it (e.g. a CMYK JPEG). */
    UNSUPPORTED,
    /** The data contradicts itself or ends early: the decoder failed or warned. */
    CORRUPT,
    /** The header declares more pixels than may be decoded. */
    TOO_LARGE,
    /** The store could not deliver the content (not the image's fault; a later request may succeed). */
    CONTENT_UNAVAILABLE
}
