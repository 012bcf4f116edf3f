package org.clouddisk.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where file content lives. Implementations: {@link LocalContentStore} (a folder) and
 * {@link FastDfsContentStore} (a FastDFS cluster). All methods are safe to call from many threads.
 *
 * <p>A file id has the FastDFS shape {@code <group>/<store path>/<dir>/<dir>/<name>[.<ext>]}, whatever the
 * implementation, so that download URLs ({@code <public base>/<file id>}) route the same way behind nginx.
 */
public interface ContentStore {

    /**
     * Stores exactly {@code size} bytes read from {@code content} and answers the new file id.
     * When the stream ends early or anything fails, nothing is left behind and an IOException is thrown.
     *
     * @param extension the lowercased file extension without the dot, or "" (kept at the end of the id)
     */
    String store(InputStream content, long size, String extension) throws IOException;

    /**
     * Writes {@code length} bytes of the content starting at {@code offset} to {@code out}, streaming.
     *
     * @throws ContentMissingException when the store holds no such content
     */
    void read(String fileId, long offset, long length, OutputStream out) throws IOException;

    /** Whether the store holds this content (asks the store itself, never decodes the id). */
    boolean exists(String fileId) throws IOException;

    /**
     * Every stored file id, for reconciliation, when the store can list its content (a folder can; FastDFS's
     * client protocol cannot). The stream must be closed.
     */
    Optional<Stream<String>> list() throws IOException;

    /** Checks that the store can take content now (for readiness); throws IOException when it cannot. */
    void probe() throws IOException;

    /**
     * Deletes the content. Answers false when it was already gone; throws IOException when the store could
     * not be reached (the caller may retry later).
     */
    boolean delete(String fileId) throws IOException;
}
