package org.clouddisk.previews;

import org.junit.jupiter.api.Test;

import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JpegHeaderTest {

    private static final byte[] BASELINE = TestImages.encode(TestImages.opaque(40, 30), "jpeg");

    @Test
    void aBaselineJpegIsNotProgressive() throws IOException {
        assertEquals(JpegHeader.NONE, read(BASELINE));
    }

    @Test
    void aProgressiveFrameHeaderIsRecognised() throws IOException {
        assertEquals(new JpegHeader(true, Orientation.UPRIGHT),
                read(TestImages.progressiveJpeg(TestImages.opaque(40, 30))));
    }

    @Test
    void theOrientationIsFoundBehindOtherSegmentsAndTheStreamIsLeftAtItsStart() throws IOException {
        byte[] jpeg = TestImages.withExifOrientation(BASELINE, 6);
        ByteArrayOutputStream manySegments = new ByteArrayOutputStream();
        manySegments.write(jpeg, 0, 2);
        for (int i = 0; i < 50; i++) {
            manySegments.writeBytes(new byte[]{(byte) 0xFF, (byte) 0xE2, (byte) 0xFF, (byte) 0xFF}); // APP2, 64 KiB
            manySegments.writeBytes(new byte[0xFFFF - 2]);
        }
        manySegments.write(jpeg, 2, jpeg.length - 2);

        try (ImageInputStream input = stream(manySegments.toByteArray())) {
            assertEquals(new JpegHeader(false, Orientation.ROTATED_LEFT), JpegHeader.read(input));
            assertEquals(0, input.getStreamPosition());
        }
    }

    @Test
    void aLittleEndianExifSegmentIsRead() {
        ByteBuffer app1 = ByteBuffer.allocate(6 + 8 + 2 + 12 + 4).order(ByteOrder.LITTLE_ENDIAN);
        app1.put("Exif\0\0".getBytes()).put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        app1.putShort((short) 1).putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) 8);

        assertEquals(Orientation.ROTATED_RIGHT, ExifOrientation.of(app1.order(ByteOrder.BIG_ENDIAN).clear()));
    }

    @Test
    void malformedExifCountsAsUpright() {
        ByteBuffer directoryOutside = ByteBuffer.allocate(14);
        directoryOutside.put("Exif\0\0MM".getBytes()).putShort((short) 42).putInt(1_000_000);

        assertEquals(Orientation.UPRIGHT, ExifOrientation.of(directoryOutside.clear()));
        assertEquals(Orientation.UPRIGHT, ExifOrientation.of(ByteBuffer.wrap("http://ns.adobe.com/xap/1.0/".getBytes())));
        assertEquals(Orientation.UPRIGHT, ExifOrientation.of(ByteBuffer.allocate(3)));
    }

    @Test
    void aHeaderThatIsNoJpegSaysNothing() throws IOException {
        assertEquals(JpegHeader.NONE, read(TestImages.text()));
        assertEquals(JpegHeader.NONE, read(TestImages.truncated(TestImages.withExifOrientation(BASELINE, 6), 0.02)));
    }

    private static JpegHeader read(byte[] content) throws IOException {
        try (ImageInputStream input = stream(content)) {
            return JpegHeader.read(input);
        }
    }

    private static ImageInputStream stream(byte[] content) {
        return new MemoryCacheImageInputStream(new ByteArrayInputStream(content));
    }
}
