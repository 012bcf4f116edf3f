package org.clouddisk.previews;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Thumbnails on disk, one file per content and size: {@code <root>/<md5[0..2]>/<md5>-<size>.<jpg|png>}, and an empty
 * {@code <md5>.corrupt} for content whose data the decoder rejected, so that a broken 100-megapixel photo is decoded
 * once, not at every request. A file is written under a temporary name, flushed to disk and renamed into place, so
 * readers see a complete thumbnail or none, even after a crash; two requests that make the same thumbnail at once
 * both rename, the last one wins, and both wrote the same picture. Everything here can be made again: deleting the
 * folder is safe.
 */
final class ThumbnailCache {

    private static final Pattern MD5 = Pattern.compile("[0-9a-f]{32}");
    private static final String TEMPORARY_SUFFIX = ".part";

    /** Writes a thumbnail into the file it is given. */
    @FunctionalInterface
    interface ThumbnailWriter {
        void writeTo(Path file) throws IOException;
    }

    private final Path root;

    ThumbnailCache(Path root) {
        this.root = root;
    }

    Optional<Thumbnail> find(String md5, ThumbnailSize size) {
        for (ThumbnailFormat format : ThumbnailFormat.values()) {
            Path file = path(md5, size, format);
            if (Files.isRegularFile(file)) {
                return Optional.of(new Thumbnail(file, format));
            }
        }
        return Optional.empty();
    }

    Thumbnail store(String md5, ThumbnailSize size, ThumbnailFormat format, ThumbnailWriter writer) throws IOException {
        Path target = path(md5, size, format);
        writeAtomically(target, writer);
        return new Thumbnail(target, format);
    }

    /** Remembers that the content's data is corrupt: no size of it gets a thumbnail. */
    void markCorrupt(String md5) throws IOException {
        writeAtomically(corruptMarker(md5), file -> {
        });
    }

    boolean isMarkedCorrupt(String md5) {
        return Files.exists(corruptMarker(md5));
    }

    /** Deletes every thumbnail of the content, and its corrupt mark; answers how many files there were. */
    int deleteAll(String md5) throws IOException {
        int deleted = Files.deleteIfExists(corruptMarker(md5)) ? 1 : 0;
        for (ThumbnailSize size : ThumbnailSize.values()) {
            for (ThumbnailFormat format : ThumbnailFormat.values()) {
                if (Files.deleteIfExists(path(md5, size, format))) {
                    deleted++;
                }
            }
        }
        return deleted;
    }

    private static void writeAtomically(Path target, ThumbnailWriter writer) throws IOException {
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), target.getFileName() + "-", TEMPORARY_SUFFIX);
        try {
            writer.writeTo(temporary);
            try (FileChannel written = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                written.force(true); // the rename must never be on disk before the bytes it names
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private Path path(String md5, ThumbnailSize size, ThumbnailFormat format) {
        return folder(md5).resolve(md5 + "-" + size.pixels() + "." + format.extension());
    }

    private Path corruptMarker(String md5) {
        return folder(md5).resolve(md5 + ".corrupt");
    }

    private Path folder(String md5) {
        if (!MD5.matcher(md5).matches()) {
            throw new IllegalArgumentException("not a lowercase MD5 hex digest: " + md5);
        }
        return root.resolve(md5.substring(0, 2));
    }
}
