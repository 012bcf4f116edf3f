package org.clouddisk.previews;

import java.io.IOException;

/**
 * The store could not deliver the content being decoded: a fault of the store, not of the image, so it is never
 * mistaken for corrupt data (decoders wrap the IOExceptions of their stream; this one is found in the causes).
 */
final class ContentUnavailableException extends IOException {

    ContentUnavailableException(String fileId, IOException cause) {
        super("content " + fileId + " could not be read from the store: " + cause.getMessage(), cause);
    }
}
