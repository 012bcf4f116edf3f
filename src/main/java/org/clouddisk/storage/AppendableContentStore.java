package org.clouddisk.storage;

import java.io.IOException;

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
     * Appends {@code length} bytes of {@code bytes} to content that holds exactly {@code offset} bytes. When this
     * throws, the content may hold any length between {@code offset} and {@code offset + length}: the caller cuts it
     * back with {@link #truncate} before going on.
     *
     * @throws ContentMissingException when there is no such appendable content
     */
    void append(String id, long offset, byte[] bytes, int length) throws IOException;

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
            public void append(long offset, byte[] bytes, int length) throws IOException {
                AppendableContentStore.this.append(id, offset, bytes, length);
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
        void append(long offset, byte[] bytes, int length) throws IOException;

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
