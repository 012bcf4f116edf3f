package org.clouddisk.previews;

/** How a thumbnail is encoded: PNG when the image has transparency to keep, JPEG otherwise. */
public enum ThumbnailFormat {
    JPEG("jpeg", "jpg", "image/jpeg"),
    PNG("png", "png", "image/png");

    private final String imageIoName;
    private final String extension;
    private final String mediaType;

    ThumbnailFormat(String imageIoName, String extension, String mediaType) {
        this.imageIoName = imageIoName;
        this.extension = extension;
        this.mediaType = mediaType;
    }

    /** The format name ImageIO's writers know it by. */
    String imageIoName() {
        return imageIoName;
    }

    /** The file name extension of cached thumbnails, without the dot. */
    public String extension() {
        return extension;
    }

    /** The Content-Type to answer with. */
    public String mediaType() {
        return mediaType;
    }
}
