package org.clouddisk.previews;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.clouddisk.api.ProblemCode;
import org.clouddisk.api.ProblemException;
import org.clouddisk.platform.Settings;
import org.clouddisk.storage.ContentStore;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Thumbnails from the cache, or made from the content store and cached. At most one rendering per core runs at once
 * (each holds up to (2 × edge)² decoded pixels), so a burst of requests for new thumbnails queues instead of
 * multiplying the memory; a request that waits too long is answered {@code 503 unavailable} (try again) rather than
 * stalled.
 */
@ApplicationScoped
public class DefaultThumbnailService implements ThumbnailService {

    private static final Logger LOG = Logger.getLogger(DefaultThumbnailService.class.getName());
    private static final Duration RENDERING_WAIT = Duration.ofSeconds(30);

    private ContentStore store;
    private ThumbnailCache cache;
    private Thumbnailer thumbnailer;
    private Semaphore renderings;
    private Duration renderingWait;

    /** For CDI's proxy only. */
    protected DefaultThumbnailService() {
    }

    @Inject
    public DefaultThumbnailService(ContentStore store, Settings settings) {
        this(store, new ThumbnailCache(settings.dataDir().resolve("thumbnails")),
                new Thumbnailer(new PixelLimits(settings.thumbnailMaxPixels())),
                Runtime.getRuntime().availableProcessors(), RENDERING_WAIT);
    }

    DefaultThumbnailService(ContentStore store, ThumbnailCache cache, Thumbnailer thumbnailer, int maxRenderings,
                            Duration renderingWait) {
        this.store = store;
        this.cache = cache;
        this.thumbnailer = thumbnailer;
        this.renderings = new Semaphore(maxRenderings, true);
        this.renderingWait = renderingWait;
    }

    @Override
    public Optional<Thumbnail> thumbnail(SourceContent content, ThumbnailSize size) {
        try {
            if (cache.isMarkedCorrupt(content.md5())) {
                return Optional.empty();
            }
            Optional<Thumbnail> cached = cache.find(content.md5(), size);
            return cached.isPresent() ? cached : renderAndCache(content, size);
        } catch (IOException e) {
            // writing the thumbnail or its corrupt mark failed (disk full, unwritable): the server's fault
            LOG.log(Level.WARNING, "no thumbnail of content " + content.md5() + " at " + size.pixels(), e);
            throw new ProblemException(ProblemCode.UNAVAILABLE, "thumbnails cannot be made now");
        }
    }

    @Override
    public void deleteThumbnails(String md5) {
        try {
            int deleted = cache.deleteAll(md5);
            LOG.fine(() -> deleted + " thumbnails of content " + md5 + " deleted");
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "thumbnails of content " + md5 + " could not be deleted", e);
        }
    }

    private Optional<Thumbnail> renderAndCache(SourceContent content, ThumbnailSize size) throws IOException {
        if (!acquireRendering()) {
            LOG.warning(() -> "no thumbnail of content " + content.md5() + ": renderings busy for " + renderingWait);
            throw new ProblemException(ProblemCode.UNAVAILABLE, "too many thumbnails are being made: try again later");
        }
        try {
            Optional<Thumbnail> madeMeanwhile = cache.find(content.md5(), size);
            if (madeMeanwhile.isPresent()) {
                return madeMeanwhile;
            }
            Rendering rendering;
            try (ContentImageInputStream input = new ContentImageInputStream(store, content.fileId(), content.size())) {
                rendering = thumbnailer.render(input, size);
            }
            if (rendering instanceof Rendering.Rendered rendered) {
                return Optional.of(cache.store(content.md5(), size, rendered.format(),
                        file -> ThumbnailEncoder.write(rendered.image(), rendered.format(), file)));
            }
            Rendering.Refused refused = (Rendering.Refused) rendering;
            if (refused.reason() == Refusal.CONTENT_UNAVAILABLE) {
                LOG.warning(() -> "no thumbnail of content " + content.md5() + " (" + content.fileId() + ") now: "
                        + refused.detail());
                throw new ProblemException(ProblemCode.UNAVAILABLE, "the content store cannot be read now");
            }
            if (refused.reason() == Refusal.CORRUPT) {
                // the only refusal that may cost a whole decode; the others are settled by the header
                cache.markCorrupt(content.md5());
            }
            // the content itself refused (not an image, undecodable, too large): no later request can do better, so
            // no thumbnail (404) rather than a 503 that clients would retry for ever
            LOG.fine(() -> "no thumbnail of content " + content.md5() + " (" + content.fileId() + "): "
                    + refused.reason() + ", " + refused.detail());
            return Optional.empty();
        } finally {
            renderings.release();
        }
    }

    private boolean acquireRendering() {
        try {
            return renderings.tryAcquire(renderingWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
