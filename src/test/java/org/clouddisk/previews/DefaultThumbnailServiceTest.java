package org.clouddisk.previews;

import org.clouddisk.api.ProblemCode;
import org.clouddisk.api.ProblemException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DefaultThumbnailServiceTest {

    private static final String MD5 = "9e107d9d372bb6826bd81d3542a419d6";

    @TempDir
    Path thumbnails;

    private final MemoryContentStore store = new MemoryContentStore();
    private DefaultThumbnailService service;

    @BeforeEach
    void start() {
        service = service(2, Duration.ofSeconds(30));
    }

    private DefaultThumbnailService service(int renderings, Duration renderingWait) {
        return new DefaultThumbnailService(store, new ThumbnailCache(thumbnails),
                new Thumbnailer(new PixelLimits(160_000_000L)), renderings, renderingWait);
    }

    private static void assertUnavailable(Executable request) {
        assertEquals(ProblemCode.UNAVAILABLE, assertThrows(ProblemException.class, request).code());
    }

    @Test
    void aThumbnailIsMadeOnceAndThenServedFromDisk() throws IOException {
        SourceContent photo = store.put(MD5, TestImages.encode(TestImages.opaque(1200, 900), "jpeg"));

        Thumbnail made = service.thumbnail(photo, ThumbnailSize.MEDIUM).orElseThrow();
        int readsToMakeIt = store.reads();
        Thumbnail served = service.thumbnail(photo, ThumbnailSize.MEDIUM).orElseThrow();

        assertEquals(thumbnails.resolve("9e").resolve(MD5 + "-256.jpg"), made.file());
        assertEquals(made, served);
        assertEquals(readsToMakeIt, store.reads(), "the second request read the store");
        BufferedImage written = ImageIO.read(made.file().toFile());
        assertEquals(256, written.getWidth());
        assertEquals(192, written.getHeight());
    }

    @Test
    void aTranslucentImageIsKeptAsPng() throws IOException {
        SourceContent logo = store.put(MD5, TestImages.encode(TestImages.translucent(300, 300), "png"));

        Thumbnail thumbnail = service.thumbnail(logo, ThumbnailSize.SMALL).orElseThrow();

        assertEquals(ThumbnailFormat.PNG, thumbnail.format());
        assertEquals(thumbnails.resolve("9e").resolve(MD5 + "-64.png"), thumbnail.file());
        assertTrue(ImageIO.read(thumbnail.file().toFile()).getColorModel().hasAlpha());
    }

    @Test
    void contentWithoutAThumbnailLeavesNothingOnDisk() throws IOException {
        SourceContent notes = store.put(MD5, TestImages.text());

        assertEquals(Optional.empty(), service.thumbnail(notes, ThumbnailSize.SMALL));
        assertEquals(List.of(), filesUnder(thumbnails));
    }

    @Test
    void corruptContentIsDecodedOnceUntilItIsDeleted() {
        SourceContent broken = store.put(MD5, TestImages.truncated(
                TestImages.encode(TestImages.opaque(1200, 900), "jpeg"), 0.5));

        assertEquals(Optional.empty(), service.thumbnail(broken, ThumbnailSize.LARGE));
        int readsToDecodeIt = store.reads();
        assertEquals(Optional.empty(), service.thumbnail(broken, ThumbnailSize.LARGE));
        assertEquals(Optional.empty(), service.thumbnail(broken, ThumbnailSize.SMALL));
        assertEquals(readsToDecodeIt, store.reads(), "decoded again");

        service.deleteThumbnails(MD5);
        service.thumbnail(broken, ThumbnailSize.SMALL);
        assertTrue(store.reads() > readsToDecodeIt, "the corrupt mark outlived the content");
    }

    @Test
    void aStoreOutageAnswersUnavailableAndALaterRequestMakesIt() throws IOException {
        SourceContent photo = store.put(MD5, TestImages.encode(TestImages.opaque(600, 400), "png"));
        store.failReads(true);

        assertUnavailable(() -> service.thumbnail(photo, ThumbnailSize.SMALL));
        assertEquals(List.of(), filesUnder(thumbnails), "the outage was taken for the image's fault");
        store.failReads(false);

        assertTrue(service.thumbnail(photo, ThumbnailSize.SMALL).isPresent());
    }

    @Test
    void aRequestThatGetsNoRenderingSlotInTimeAnswersUnavailable() {
        SourceContent photo = store.put(MD5, TestImages.encode(TestImages.opaque(600, 400), "png"));
        DefaultThumbnailService busy = service(0, Duration.ofMillis(50)); // no rendering slot ever frees up

        assertUnavailable(() -> busy.thumbnail(photo, ThumbnailSize.SMALL));
        assertEquals(0, store.reads());
        assertTrue(service.thumbnail(photo, ThumbnailSize.SMALL).isPresent());
        assertTrue(busy.thumbnail(photo, ThumbnailSize.SMALL).isPresent(), "a cached thumbnail needs no slot");
    }

    @Test
    void deletingAContentsThumbnailsRemovesEverySizeAndNothingElse() throws IOException {
        SourceContent photo = store.put(MD5, TestImages.encode(TestImages.opaque(1200, 900), "jpeg"));
        String otherMd5 = "9e000000000000000000000000000000";
        SourceContent other = store.put(otherMd5, TestImages.encode(TestImages.opaque(30, 30), "png"));
        for (ThumbnailSize size : ThumbnailSize.values()) {
            service.thumbnail(photo, size).orElseThrow();
        }
        Thumbnail kept = service.thumbnail(other, ThumbnailSize.SMALL).orElseThrow();

        service.deleteThumbnails(MD5);

        assertEquals(List.of(kept.file()), filesUnder(thumbnails));
    }

    @Test
    void concurrentRequestsForTheSameMissingThumbnailAllGetTheSameCompleteFile() throws Exception {
        SourceContent photo = store.put(MD5, TestImages.encode(TestImages.opaque(2000, 1500), "jpeg"));
        int requests = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            List<Future<Thumbnail>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return service.thumbnail(photo, ThumbnailSize.LARGE).orElseThrow();
                }));
            }
            start.countDown();
            Path file = answers.get(0).get().file();
            for (Future<Thumbnail> answer : answers) {
                assertEquals(file, answer.get().file());
            }
            assertEquals(List.of(file), filesUnder(thumbnails), "temporaries left behind");
            assertEquals(1024, ImageIO.read(file.toFile()).getWidth());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aThumbnailIsInvisibleUntilCompletelyWritten() throws IOException {
        ThumbnailCache cache = new ThumbnailCache(thumbnails);
        byte[] content = {1, 2, 3, 4};

        Thumbnail stored = cache.store(MD5, ThumbnailSize.SMALL, ThumbnailFormat.JPEG, file -> {
            Files.write(file, new byte[]{1, 2});
            assertEquals(Optional.empty(), cache.find(MD5, ThumbnailSize.SMALL), "visible while being written");
            Files.write(file, content);
        });

        assertEquals(Optional.of(stored), cache.find(MD5, ThumbnailSize.SMALL));
        assertArrayEquals(content, Files.readAllBytes(stored.file()));
    }

    @Test
    void aFailedWriteLeavesNeitherAThumbnailNorATemporary() throws IOException {
        ThumbnailCache cache = new ThumbnailCache(thumbnails);

        assertThrows(IOException.class, () -> cache.store(MD5, ThumbnailSize.SMALL, ThumbnailFormat.JPEG, file -> {
            Files.write(file, new byte[]{1, 2});
            throw new IOException("disk full");
        }));

        assertEquals(Optional.empty(), cache.find(MD5, ThumbnailSize.SMALL));
        assertEquals(List.of(), filesUnder(thumbnails));
    }

    @Test
    void onlyAnMd5NamesAThumbnail() {
        ThumbnailCache cache = new ThumbnailCache(thumbnails);

        assertThrows(IllegalArgumentException.class, () -> cache.find("../../etc/passwd", ThumbnailSize.SMALL));
        assertThrows(IllegalArgumentException.class,
                () -> service.thumbnail(new SourceContent("../x", "group1/M00/00/00/x", 1), ThumbnailSize.SMALL));
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
