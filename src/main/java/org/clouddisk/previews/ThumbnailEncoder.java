package org.clouddisk.previews;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/** Writes a thumbnail image to a file as JPEG or PNG. */
final class ThumbnailEncoder {

    /** Where JPEG artefacts stop showing at thumbnail sizes while files stay small. */
    private static final float JPEG_QUALITY = 0.85f;

    private ThumbnailEncoder() {
    }

    static void write(BufferedImage image, ThumbnailFormat format, Path file) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format.imageIoName()).next();
        // straight to the file: ImageIO's stream over an OutputStream would spool through a cache of its own
        try (ImageOutputStream out = new FileImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format == ThumbnailFormat.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
