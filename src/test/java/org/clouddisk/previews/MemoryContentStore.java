package org.clouddisk.previews;

import org.clouddisk.storage.ContentMissingException;
import org.clouddisk.storage.ContentStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** A content store in memory for the thumbnail tests: counts ranged reads and can be made to fail. */
final class MemoryContentStore implements ContentStore {

    private final Map<String, byte[]> contents = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private volatile boolean failing;

    SourceContent put(String md5, byte[] content) {
        String fileId = "group1/M00/00/00/" + md5;
        contents.put(fileId, content);
        return new SourceContent(md5, fileId, content.length);
    }

    int reads() {
        return reads.get();
    }

    /** Makes reads fail (an unreachable storage server) or succeed again. */
    void failReads(boolean fail) {
        failing = fail;
    }

    @Override
    public void read(String fileId, long offset, long length, OutputStream out) throws IOException {
        reads.incrementAndGet();
        if (failing) {
            throw new IOException("storage server unreachable");
        }
        byte[] content = contents.get(fileId);
        if (content == null) {
            throw new ContentMissingException(fileId);
        }
        out.write(content, (int) offset, (int) length);
    }

    @Override
    public String store(InputStream content, long size, String extension) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean exists(String fileId) {
        return contents.containsKey(fileId);
    }

    @Override
    public Optional<Stream<String>> list() {
        return Optional.of(contents.keySet().stream());
    }

    @Override
    public void probe() {
    }

    @Override
    public boolean delete(String fileId) {
        return contents.remove(fileId) != null;
    }
}
