package org.clouddisk.previews;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Finds the Orientation tag (0x0112) in the first image directory of an EXIF segment (a JPEG's APP1 payload:
 * {@code Exif\0\0}, then a TIFF structure). Anything else or malformed counts as upright.
 */
final class ExifOrientation {

    private static final int EXIF_HEADER = 0x45786966; // "Exif", followed by two zero bytes
    private static final int TIFF_START = 6;
    private static final short LITTLE_ENDIAN_MARK = 0x4949; // "II"; "MM" is big-endian
    private static final int ORIENTATION_TAG = 0x0112;
    private static final int DIRECTORY_ENTRY_BYTES = 12;

    private ExifOrientation() {
    }

    static Orientation of(ByteBuffer app1) {
        try {
            if (app1.getInt(0) != EXIF_HEADER || app1.getShort(4) != 0) {
                return Orientation.UPRIGHT;
            }
            ByteBuffer tiff = app1.position(TIFF_START).slice();
            tiff.order(tiff.getShort(0) == LITTLE_ENDIAN_MARK ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            int directory = tiff.getInt(4);
            int entries = Short.toUnsignedInt(tiff.getShort(directory));
            for (int i = 0; i < entries; i++) {
                int entry = directory + 2 + i * DIRECTORY_ENTRY_BYTES;
                if (Short.toUnsignedInt(tiff.getShort(entry)) == ORIENTATION_TAG) {
                    return Orientation.ofExifValue(Short.toUnsignedInt(tiff.getShort(entry + 8)));
                }
            }
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            // offsets pointing outside the segment: no usable tag
        }
        return Orientation.UPRIGHT;
    }
}
