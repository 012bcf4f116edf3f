package org.clouddisk.bench;

import org.clouddisk.platform.Settings;
import org.clouddisk.previews.DefaultThumbnailService;
import org.clouddisk.previews.SourceContent;
import org.clouddisk.previews.Thumbnail;
import org.clouddisk.previews.ThumbnailSize;
import org.clouddisk.storage.LocalContentStore;

import javax.imageio.ImageIO;
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
 * Thumbnail generation for a 20-megapixel JPEG (5472 × 3648, a common camera's size) at each size, in this JVM:
 * time, bytes allocated and peak heap in use during each generation, then the time of a cached request. No
 * assertions. Run after {@code mvn test-compile}, with a heap like the server's:
 * {@code java -Xmx512m -cp target/classes:target/test-classes org.clouddisk.bench.ThumbnailBench}.
 */
public final class ThumbnailBench {

    private static final int WIDTH = 5472;
    private static final int HEIGHT = 3648;

    public static void main(String[] args) throws Exception {
        Path dataDir = Files.createTempDirectory("thumbnail-bench");
        System.setProperty("clouddisk.data.dir", dataDir.toString());
        LocalContentStore store = new LocalContentStore(dataDir.resolve("storage"));
        byte[] jpeg = twentyMegapixelJpeg();
        String fileId = store.store(new ByteArrayInputStream(jpeg), jpeg.length, "jpg");
        SourceContent photo = new SourceContent(md5(jpeg), fileId, jpeg.length);
        jpeg = null;
        DefaultThumbnailService service = new DefaultThumbnailService(store, new Settings());

        System.out.printf("%d × %d JPEG, %d KiB, heap max %d MiB%n", WIDTH, HEIGHT, photo.size() / 1024,
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("size  | first request ms | allocated MiB | peak heap in use MiB | cached request ms");
        for (ThumbnailSize size : ThumbnailSize.values()) {
            System.gc();
            List<MemoryPoolMXBean> heap = heapPools();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long allocatedBefore = allocatedBytes();
            long start = System.nanoTime();
            Thumbnail thumbnail = service.thumbnail(photo, size).orElseThrow();
            long generationNanos = System.nanoTime() - start;
            long allocated = allocatedBytes() - allocatedBefore;
            long peakHeap = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            start = System.nanoTime();
            service.thumbnail(photo, size).orElseThrow();
            long cachedNanos = System.nanoTime() - start;
            System.out.printf("%5d | %16d | %13d | %20d | %17.2f   (%s, %d KiB)%n", size.pixels(),
                    generationNanos / 1_000_000, allocated >> 20, peakHeap >> 20, cachedNanos / 1e6,
                    thumbnail.format(), Files.size(thumbnail.file()) / 1024);
        }
        System.out.printf("resident set peak of this JVM: %d MiB%n", residentPeakKiB() / 1024);
    }

    private static byte[] twentyMegapixelJpeg() throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.ORANGE, WIDTH, HEIGHT, Color.BLUE));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.WHITE);
        for (int x = 0; x < WIDTH; x += 37) {
            g.drawLine(x, 0, WIDTH - x, HEIGHT); // detail, so the JPEG has a camera-like size
        }
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", bytes);
        return bytes.toByteArray();
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
