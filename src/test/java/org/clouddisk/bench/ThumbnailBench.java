package org.clouddisk.bench;

import org.clouddisk.platform.Settings;
import org.clouddisk.previews.DefaultThumbnailService;
import org.clouddisk.previews.SourceContent;
import org.clouddisk.previews.Thumbnail;
import org.clouddisk.previews.ThumbnailSize;
import org.clouddisk.storage.LocalContentStore;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * Thumbnail generation for a 20-megapixel JPEG (5472 × 3648, a common camera's size), baseline and progressive, at
 * each size, in this JVM: time, bytes allocated, peak heap in use and peak resident memory (the JPEG decoder's native
 * memory shows only there) during each generation, then the time of a cached request. No assertions. Run after
 * {@code mvn test-compile}, with a heap like the server's:
 * {@code java -Xmx512m -cp target/classes:target/test-classes org.clouddisk.bench.ThumbnailBench}.
 */
public final class ThumbnailBench {

    private static final int WIDTH = 5472;
    private static final int HEIGHT = 3648;

    public static void main(String[] args) throws Exception {
        Path dataDir = Files.createTempDirectory("thumbnail-bench");
        System.setProperty("clouddisk.data.dir", dataDir.toString());
        LocalContentStore store = new LocalContentStore(dataDir.resolve("storage"));
        BufferedImage picture = twentyMegapixels();
        List<SourceContent> photos = List.of(
                stored(store, encode(picture, ImageWriteParam.MODE_DISABLED)),
                stored(store, encode(picture, ImageWriteParam.MODE_DEFAULT)));
        picture = null;
        DefaultThumbnailService service = new DefaultThumbnailService(store, new Settings());

        System.out.printf("%d × %d JPEG, heap max %d MiB%n", WIDTH, HEIGHT, Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("JPEG              | size | first request ms | allocated MiB | peak heap MiB | peak RSS MiB |"
                + " cached request ms");
        for (SourceContent photo : photos) {
            String kind = (photo == photos.get(0) ? "baseline" : "progressive") + " " + photo.size() / 1024 + "K";
            for (ThumbnailSize size : ThumbnailSize.values()) {
                System.gc();
                List<MemoryPoolMXBean> heap = heapPools();
                heap.forEach(MemoryPoolMXBean::resetPeakUsage);
                resetResidentPeak();
                long allocatedBefore = allocatedBytes();
                long start = System.nanoTime();
                Thumbnail thumbnail = service.thumbnail(photo, size).orElseThrow();
                long generationNanos = System.nanoTime() - start;
                long allocated = allocatedBytes() - allocatedBefore;
                long peakHeap = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
                long peakResident = residentPeakKiB();
                start = System.nanoTime();
                service.thumbnail(photo, size).orElseThrow();
                long cachedNanos = System.nanoTime() - start;
                System.out.printf("%-17s | %4d | %16d | %13d | %13d | %12d | %17.2f%n", kind, size.pixels(),
                        generationNanos / 1_000_000, allocated >> 20, peakHeap >> 20, peakResident / 1024,
                        cachedNanos / 1e6);
            }
        }
    }

    private static SourceContent stored(LocalContentStore store, byte[] jpeg) throws Exception {
        String fileId = store.store(new ByteArrayInputStream(jpeg), jpeg.length, "jpg");
        return new SourceContent(md5(jpeg), fileId, jpeg.length);
    }

    private static BufferedImage twentyMegapixels() {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.ORANGE, WIDTH, HEIGHT, Color.BLUE));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.WHITE);
        for (int x = 0; x < WIDTH; x += 37) {
            g.drawLine(x, 0, WIDTH - x, HEIGHT); // detail, so the JPEG has a camera-like size
        }
        g.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, int progressiveMode) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(progressiveMode);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** Resets VmHWM to the current resident size (Linux: "5" into clear_refs), so the next peak is this run's. */
    private static void resetResidentPeak() throws IOException {
        Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isValid()).toList();
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static long residentPeakKiB() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith("VmHWM:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst().orElse(-1);
    }

    private static String md5(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    }
}
