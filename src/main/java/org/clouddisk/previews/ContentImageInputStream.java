package org.clouddisk.previews;

import org.clouddisk.storage.ContentStore;

import javax.imageio.stream.ImageInputStreamImpl;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Stored content as an ImageIO stream, read from the store block by block with ranged reads: decoders seek and read
 * what they need, only one block is held in memory, and content that is not an image costs one block, however large
 * it is. No temporary copy and no second thread (the store writes to an OutputStream; ranges turn that into pulls).
 */
final class ContentImageInputStream extends ImageInputStreamImpl {

    /** Large enough that a sequential decode makes few store requests (FastDFS: one connection each). */
    private static final int BLOCK_SIZE = 256 * 1024;

    private final ContentStore store;
    private final String fileId;
    private final long length;
    private final byte[] block;
    private long blockStart;
    private int blockLength;
    private int readsPastEnd;

    ContentImageInputStream(ContentStore store, String fileId, long length) {
        this(store, fileId, length, BLOCK_SIZE);
    }

    ContentImageInputStream(ContentStore store, String fileId, long length, int blockSize) {
        this.store = store;
        this.fileId = fileId;
        this.length = length;
        this.block = new byte[(int) Math.min(blockSize, Math.max(1, length))];
    }

    @Override
    public long length() {
        return length;
    }

    /**
     * How many reads found the content over. A decoder reads past the end only when the data ends before the image
     * does, and not every decoder says so (the JDK's BMP decoder returns the rows it got).
     */
    int readsPastEnd() {
        return readsPastEnd;
    }

    @Override
    public int read() throws IOException {
        checkClosed();
        bitOffset = 0;
        if (!fillBlockAt(streamPos)) {
            return -1;
        }
        return block[(int) (streamPos++ - blockStart)] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        checkClosed();
        if (off < 0 || len < 0 || off + len > b.length) {
            throw new IndexOutOfBoundsException("off " + off + ", len " + len + ", array " + b.length);
        }
        bitOffset = 0;
        if (len == 0) {
            return 0;
        }
        if (!fillBlockAt(streamPos)) {
            return -1;
        }
        int offsetInBlock = (int) (streamPos - blockStart);
        int n = Math.min(len, blockLength - offsetInBlock);
        System.arraycopy(block, offsetInBlock, b, off, n);
        streamPos += n;
        return n;
    }

    /** Makes the block hold {@code position}; false at or past the end of the content. */
    private boolean fillBlockAt(long position) throws IOException {
        if (position >= length) {
            readsPastEnd++;
            return false;
        }
        if (position >= blockStart && position < blockStart + blockLength) {
            return true;
        }
        int wanted = (int) Math.min(block.length, length - position);
        BlockSink sink = new BlockSink();
        try {
            store.read(fileId, position, wanted, sink);
        } catch (IOException e) {
            throw new ContentUnavailableException(fileId, e);
        }
        if (sink.filled != wanted) {
            throw new ContentUnavailableException(fileId, new IOException(
                    "the store sent " + sink.filled + " of " + wanted + " bytes at " + position));
        }
        blockStart = position;
        blockLength = wanted;
        return true;
    }

    /** Receives a ranged read straight into the block, refusing more than it holds. */
    private final class BlockSink extends OutputStream {
        int filled;

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (filled + len > block.length) {
                throw new IOException("the store sent more than the " + block.length + " bytes asked for");
            }
            System.arraycopy(b, off, block, filled, len);
            filled += len;
        }
    }
}
