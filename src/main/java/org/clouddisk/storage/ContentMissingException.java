package org.clouddisk.storage;

import java.io.IOException;

/** The content store holds no content under the given file id. */
public class ContentMissingException extends IOException {
    public ContentMissingException(String fileId) {
        super("no content stored as " + fileId);
    }
}
