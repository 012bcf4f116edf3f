package org.clouddisk.files;

import java.io.IOException;
import java.io.InputStream;

/**
 * An upload request once its declarations are read: the content comes next, exactly {@code declared().size()}
 * bytes (known after {@link #learnSize()}), and then the body must end the way its form says.
 */
interface UploadBody extends AutoCloseable {

    DeclaredUpload declared();

    /** The content's bytes; the receiver reads exactly the declared size. */
    InputStream content();

    /**
     * Makes the content's size known, called once the upload is authorised: a body that did not declare it (a
     * multipart form without its size field) is spooled now, never for a request whose token is wrong.
     */
    default void learnSize() throws IOException {
    }

    /** Throws when what follows the declared size is not the end of the content (a wrong size, a cut body). */
    void checkEnd() throws IOException;

    /** Frees what reading the body took (a spool file); the request's own stream stays the container's. */
    @Override
    default void close() throws IOException {
    }
}
