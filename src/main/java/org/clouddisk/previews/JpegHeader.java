package org.clouddisk.previews;

import javax.imageio.stream.ImageInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What a JPEG's marker segments before its image data say about decoding it: whether it is progressive (frame header
 * SOF2, SOF6, SOF10 or SOF14) and how it is oriented (EXIF in APP1). Read here rather than through ImageIO's metadata,
 * which keeps every marker segment in memory, however many a file holds; this keeps at most the one EXIF segment.
 */
record JpegHeader(boolean progressive, Orientation orientation) {

    /** What other formats are taken to say: nothing that changes decoding. */
    static final JpegHeader NONE = new JpegHeader(false, Orientation.UPRIGHT);

    private static final int START_OF_IMAGE = 0xD8;
    private static final int START_OF_SCAN = 0xDA;
    private static final int END_OF_IMAGE = 0xD9;
    private static final int APP1 = 0xE1;
    private static final int NO_MARKER = -1;

    /** Reads from the stream's start; leaves the stream there again. */
    static JpegHeader read(ImageInputStream input) throws IOException {
        input.seek(0);
        boolean progressive = false;
        Orientation orientation = Orientation.UPRIGHT;
        try {
            for (int marker = nextMarker(input); !endsHeader(marker); marker = nextMarker(input)) {
                if (marker == START_OF_IMAGE || isStandalone(marker)) {
                    continue;
                }
                int payload = input.readUnsignedShort() - 2;
                if (payload < 0) {
                    break;
                }
                long next = input.getStreamPosition() + payload;
                if (isFrameHeader(marker)) {
                    progressive = isProgressiveFrame(marker);
                } else if (marker == APP1 && orientation == Orientation.UPRIGHT) {
                    byte[] segment = new byte[payload];
                    input.readFully(segment);
                    orientation = ExifOrientation.of(ByteBuffer.wrap(segment));
                }
                input.seek(next);
            }
        } catch (EOFException e) {
            // a header cut short: the decoder will find it so too
        }
        input.seek(0);
        return new JpegHeader(progressive, orientation);
    }

    /** The next marker code, past the 0xFF fill bytes that may precede it; NO_MARKER where none is. */
    private static int nextMarker(ImageInputStream input) throws IOException {
        int b = input.readUnsignedByte();
        if (b != 0xFF) {
            return NO_MARKER;
        }
        while (b == 0xFF) {
            b = input.readUnsignedByte();
        }
        return b;
    }

    /** Image data follows, or the header is malformed: the decoder will say what it makes of that. */
    private static boolean endsHeader(int marker) {
        return marker == START_OF_SCAN || marker == END_OF_IMAGE || marker == NO_MARKER;
    }

    /** TEM and the restart markers carry no length. */
    private static boolean isStandalone(int marker) {
        return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7);
    }

    /** SOF0 to SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static boolean isFrameHeader(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static boolean isProgressiveFrame(int marker) {
        return marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE;
    }
}
