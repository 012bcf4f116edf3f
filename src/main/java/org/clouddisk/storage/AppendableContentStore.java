package org.clouddisk.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A content store that also keeps content growing by appends, for resumable uploads: the bytes of each request go
 * straight to where the content will live, and completion turns the appendable content into ordinary content
 * without copying it ({@link #seal}). The appendable content's id is only meaningful to {@link #append},
 * {@link #length}, {@link #truncate}, {@link #seal} and {@link ContentStore#delete}; it is no download path.
 *
 * <p>Callers serialise the writers of one appendable content (one upload, one lease); the methods themselves are
 * safe to call from many threads for different contents.
 */
public interface AppendableContentStore extends ContentStore {

    /** Creates empty appendable content and answers its id. */
    String createAppendable(String extension) throws IOException;

    /**
     * Appends the bytes {@code source} gives, at most {@code length}, to content that holds exactly {@code offset}
     * bytes, passing them on as they are read: one exchange with the store, whatever the length. Answers how many
     * were appended: {@code length}, or fewer when {@code source} ended first (a client gone mid-request), and the
     * content then holds exactly {@code offset} plus that many bytes all the same. Reads no byte past
     * {@code length}. When this throws (the store failed, or {@code source} threw), the content may hold any length
     * between {@code offset} and {@code offset + length}: the caller cuts it back with {@link #truncate} before
     * going on.
     *
     * @throws ContentMissingException when there is no such appendable content
     */
    long append(String id, long offset, InputStream source, long length) throws IOException;

    /** How many bytes the appendable content holds now. @throws ContentMissingException when it is gone */
    long length(String id) throws IOException;

    /** Cuts the appendable content back to {@code length} bytes (no longer than it is). */
    void truncate(String id, long length) throws IOException;

    /**
     * Opens one writer's session on appendable content: the same operations, for a run of them by one caller (a
     * PATCH). A store whose every operation first looks up where the content lives (FastDFS asks a tracker) looks it
     * up once here: an appendable content never moves. This default delegates to the store's own methods.
     */
    default Appender openAppender(String id) {
        return new Appender() {
            @Override
            public long append(long offset, InputStream source, long length) throws IOException {
                return AppendableContentStore.this.append(id, offset, source, length);
            }

            @Override
            public long length() throws IOException {
                return AppendableContentStore.this.length(id);
            }

            @Override
            public void truncate(long length) throws IOException {
                AppendableContentStore.this.truncate(id, length);
            }
        };
    }

    /**
     * {@link #append}, {@link #length} and {@link #truncate} on one appendable content, with their contracts; for
     * one caller at a time. Holds no resource that must be given back.
     */
    interface Appender {
        long append(long offset, InputStream source, long length) throws IOException;

        /** Appends bytes already in memory: all {@code length} of them, or it throws. */
        default void append(long offset, byte[] bytes, int length) throws IOException {
            append(offset, new ByteArrayInputStream(bytes, 0, length), length);
        }

        long length() throws IOException;

        void truncate(long length) throws IOException;
    }

    /**
     * Turns complete appendable content into ordinary content, in time independent of its size, and answers the
     * ordinary content's id (a download path like those {@link ContentStore#store} answers). Afterwards the
     * appendable id names nothing any more, unless the answer is that same id.
     */
    String seal(String id, String extension) throws IOException;
}
