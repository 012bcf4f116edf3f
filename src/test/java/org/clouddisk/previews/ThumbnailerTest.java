package org.clouddisk.previews;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThumbnailerTest {

    private static final PixelLimits LIMITS = new PixelLimits(160_000_000L);

    static Stream<Arguments> opaqueImages() {
        BufferedImage landscape = TestImages.opaque(3000, 2000);
        return Stream.of("jpeg", "png", "gif", "bmp").flatMap(format -> {
            byte[] encoded = TestImages.encode(landscape, format);
            return Stream.of(ThumbnailSize.values()).map(size -> Arguments.of(format, size, encoded));
        });
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("opaqueImages")
    void anOpaqueImageBecomesAJpegThatFitsTheSizeAndKeepsTheAspectRatio(String format, ThumbnailSize size, byte[] image) {
        Rendering.Rendered rendered = rendered(image, size);

        int edge = size.pixels();
        assertAll(
                () -> assertEquals(ThumbnailFormat.JPEG, rendered.format()),
                () -> assertEquals(edge, rendered.image().getWidth()),
                () -> assertEquals(Math.round(edge * 2 / 3.0), rendered.image().getHeight()),
                () -> assertEquals(BufferedImage.TYPE_INT_RGB, rendered.image().getType()));
    }

    @Test
    void aTranslucentPngStaysAPngWithItsTransparency() {
        Rendering.Rendered rendered = rendered(TestImages.encode(TestImages.translucent(500, 1000), "png"),
                ThumbnailSize.MEDIUM);

        assertEquals(ThumbnailFormat.PNG, rendered.format());
        assertEquals(128, rendered.image().getWidth());
        assertEquals(256, rendered.image().getHeight());
        int transparentCorner = rendered.image().getRGB(127, 255) >>> 24;
        assertTrue(transparentCorner < 16, "alpha at the transparent corner: " + transparentCorner);
    }

    @Test
    void aGifWithATransparentColourBecomesAPng() {
        Rendering.Rendered rendered = rendered(TestImages.encode(TestImages.indexedWithTransparency(300, 300), "gif"),
                ThumbnailSize.SMALL);

        assertEquals(ThumbnailFormat.PNG, rendered.format());
        assertEquals(0, rendered.image().getRGB(63, 32) >>> 24);
        assertEquals(0xFFFF0000, rendered.image().getRGB(0, 32));
    }

    @ParameterizedTest(name = "orientation {0}")
    @CsvSource({
            "1, 64, 32, red, blue",   // as stored: red left, blue right
            "3, 64, 32, blue, red",   // upside down
            "6, 32, 64, red, blue",   // stored turned left: the left (red) comes on top
            "8, 32, 64, blue, red"})  // stored turned right: the right (blue) comes on top
    void aPhotoIsTurnedAsItsExifOrientationSays(int orientation, int width, int height, String first, String last) {
        byte[] photo = TestImages.withExifOrientation(
                TestImages.encode(TestImages.redLeftBlueRight(400, 200), "jpeg"), orientation);

        BufferedImage thumbnail = rendered(photo, ThumbnailSize.SMALL).image();

        assertEquals(width, thumbnail.getWidth());
        assertEquals(height, thumbnail.getHeight());
        boolean portrait = height > width;
        assertEquals(first, colour(portrait ? thumbnail.getRGB(width / 2, 2) : thumbnail.getRGB(2, height / 2)));
        assertEquals(last, colour(portrait ? thumbnail.getRGB(width / 2, height - 3)
                : thumbnail.getRGB(width - 3, height / 2)));
    }

    @Test
    void aSmallImageIsNeverEnlarged() {
        Rendering.Rendered rendered = rendered(TestImages.encode(TestImages.opaque(100, 50), "png"), ThumbnailSize.LARGE);

        assertEquals(100, rendered.image().getWidth());
        assertEquals(50, rendered.image().getHeight());
        assertEquals(1, rendered.subsampling());
    }

    @Test
    void aLargeImageIsDecodedSubsampledToAtMostTwiceTheThumbnail() {
        Rendering.Rendered rendered = rendered(TestImages.encode(TestImages.opaque(3000, 2000), "jpeg"),
                ThumbnailSize.SMALL);

        assertEquals(24, rendered.subsampling()); // 3000 / 24 = 125 ≤ 2 × 64 < 3000 / 23
    }

    @Test
    void aProgressiveJpegIsThumbnailedWithinItsOwnLimit() {
        byte[] progressive = TestImages.progressiveJpeg(TestImages.opaque(400, 300));

        assertEquals(ThumbnailFormat.JPEG, rendered(progressive, ThumbnailSize.SMALL).format());
        PixelLimits baselineOnly = new PixelLimits(400 * 300 * 4);
        assertRefused(Refusal.TOO_LARGE, render(progressive, ThumbnailSize.SMALL, baselineOnly));
        byte[] baseline = TestImages.encode(TestImages.opaque(400, 300), "jpeg");
        assertInstanceOf(Rendering.Rendered.class, render(baseline, ThumbnailSize.SMALL, baselineOnly));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jpeg", "png", "gif", "bmp"})
    void aTruncatedImageGetsNoThumbnail(String format) {
        byte[] whole = TestImages.encode(TestImages.opaque(600, 400), format);

        assertRefused(Refusal.CORRUPT, render(TestImages.truncated(whole, 0.5), ThumbnailSize.MEDIUM, LIMITS));
    }

    @Test
    void randomBytesAreNotAnImage() {
        byte[] noise = new byte[100_000];
        new Random(15).nextBytes(noise);

        assertRefused(Refusal.NOT_AN_IMAGE, render(noise, ThumbnailSize.MEDIUM, LIMITS));
    }

    @Test
    void textIsNotAnImage() {
        assertRefused(Refusal.NOT_AN_IMAGE, render(TestImages.text(), ThumbnailSize.MEDIUM, LIMITS));
    }

    @Test
    void emptyContentIsNotAnImage() {
        assertRefused(Refusal.NOT_AN_IMAGE, render(new byte[0], ThumbnailSize.MEDIUM, LIMITS));
    }

    @Test
    void anImageFormatOutsideTheSupportedOnesGetsNoThumbnail() {
        assertRefused(Refusal.UNSUPPORTED,
                render(TestImages.encode(TestImages.opaque(60, 40), "tiff"), ThumbnailSize.SMALL, LIMITS));
    }

    @Test
    void aHeaderDeclaringTenGigapixelsIsRefusedBeforeDecoding() {
        byte[] bomb = TestImages.blackGreyPng(100_000, 100_000, 10);

        assertRefused(Refusal.TOO_LARGE, render(bomb, ThumbnailSize.LARGE, LIMITS));
    }

    @ParameterizedTest
    @EnumSource(ThumbnailSize.class)
    void contradictoryPngDataIsCorrupt(ThumbnailSize size) {
        byte[] fewerRowsThanDeclared = TestImages.blackGreyPng(500, 500, 100);

        assertRefused(Refusal.CORRUPT, render(fewerRowsThanDeclared, size, LIMITS));
    }

    @Test
    void aStoreFailureIsNotMistakenForABadImage() throws IOException {
        MemoryContentStore store = new MemoryContentStore();
        SourceContent content = store.put("0123456789abcdef0123456789abcdef",
                TestImages.encode(TestImages.opaque(60, 40), "png"));
        store.failReads(true);

        try (var input = new ContentImageInputStream(store, content.fileId(), content.size())) {
            assertRefused(Refusal.CONTENT_UNAVAILABLE, new Thumbnailer(LIMITS).render(input, ThumbnailSize.SMALL));
        }
    }

    static Rendering render(byte[] content, ThumbnailSize size, PixelLimits limits) {
        MemoryContentStore store = new MemoryContentStore();
        SourceContent source = store.put("0123456789abcdef0123456789abcdef", content);
        try (var input = new ContentImageInputStream(store, source.fileId(), source.size())) {
            return new Thumbnailer(limits).render(input, size);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Rendering.Rendered rendered(byte[] content, ThumbnailSize size) {
        Rendering rendering = render(content, size, LIMITS);
        return assertInstanceOf(Rendering.Rendered.class, rendering, rendering::toString);
    }

    private static String colour(int rgb) {
        int red = (rgb >> 16) & 0xFF;
        int blue = rgb & 0xFF;
        return red > 200 && blue < 60 ? "red" : blue > 200 && red < 60 ? "blue" : Integer.toHexString(rgb);
    }

    private static void assertRefused(Refusal reason, Rendering rendering) {
        Rendering.Refused refused = assertInstanceOf(Rendering.Refused.class, rendering, rendering::toString);
        assertEquals(reason, refused.reason(), refused::detail);
    }
}
