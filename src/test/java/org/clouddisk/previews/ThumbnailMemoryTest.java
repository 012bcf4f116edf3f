package org.clouddisk.previews;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decompression bombs against a small heap: surefire runs this class alone in a JVM of 48 MB (pom.xml, execution
 * thumbnail-memory), where the bomb's full raster (400 MB) cannot exist, so a thumbnail made there proves the
 * decoder subsampled; nor can a text chunk of 256 MB, which the PNG decoder must skip unread.
 */
class ThumbnailMemoryTest {

    private static final int EDGE = 20_000;
    private static byte[] bomb;

    @BeforeAll
    static void assembleTheBomb() {
        bomb = TestImages.blackGreyPng(EDGE, EDGE, EDGE);
        assertTrue(bomb.length < 1_000_000, "the bomb's size: " + bomb.length);
    }

    @Test
    void theHeapIsTooSmallForTheFullRaster() {
        assertTrue(Runtime.getRuntime().maxMemory() < (long) EDGE * EDGE,
                "run with -Xmx48m (surefire execution thumbnail-memory), not " + Runtime.getRuntime().maxMemory());
    }

    @Test
    void aTextChunkThatInflatesToAQuarterGigabyteIsNeverInflated() {
        byte[] textBomb = TestImages.blackGreyPng(300, 200, 200, 1L << 28);

        Rendering rendering = ThumbnailerTest.render(textBomb, ThumbnailSize.SMALL, new PixelLimits(160_000_000L));

        assertEquals(64, assertInstanceOf(Rendering.Rendered.class, rendering, rendering::toString).image().getWidth());
    }

    @Test
    void theBombIsRefusedAtTheDefaultLimit() {
        Rendering rendering = ThumbnailerTest.render(bomb, ThumbnailSize.LARGE, new PixelLimits(160_000_000L));

        assertEquals(Refusal.TOO_LARGE, assertInstanceOf(Rendering.Refused.class, rendering).reason());
    }

    @Test
    void theBombIsDecodedSubsampledWhenTheLimitLetsItIn() {
        Rendering rendering = ThumbnailerTest.render(bomb, ThumbnailSize.LARGE, new PixelLimits(400_000_000L));

        Rendering.Rendered rendered = assertInstanceOf(Rendering.Rendered.class, rendering, rendering::toString);
        assertEquals(10, rendered.subsampling()); // 2,000 × 2,000 decoded: 4 MB instead of 400 MB
        assertEquals(1024, rendered.image().getWidth());
        assertEquals(1024, rendered.image().getHeight());
        assertEquals(0xFF000000, rendered.image().getRGB(512, 512));
    }
}
