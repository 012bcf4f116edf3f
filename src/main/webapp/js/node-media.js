// The owner's files as pictures and media for the page. Every request of the drive API carries the Bearer token in
// a header, which <img>, <video> and <iframe> cannot send; the token never goes into a URL (it lives a day and
// would end up in logs and histories). So:
// - the original of a preview streams through the service worker (streaming.js), by Range, whatever its size;
//   without one, files up to BLOB_PREVIEW_LIMIT are fetched whole and shown through an object URL (seeking works
//   within it) and larger ones are offered for download instead;
// - thumbnails are fetched and shown through object URLs (small, cached by the browser with their ETag);
// - text: the first bytes only, by a Range request.

import { drive, ProblemError } from './v2.js';
import { downloadNode } from './downloads.js';
import { previewKind } from './preview.js';
import { h } from './util.js';
import { streamUrl } from './streaming.js';

/** Largest file a preview fetches whole (64 MiB). */
export const BLOB_PREVIEW_LIMIT = 64 * 1024 * 1024;

/** Object URLs made for a preview, revoked together when it closes. */
export class ObjectUrls {
    constructor() {
        this.urls = [];
    }

    async of(responsePromise) {
        const url = URL.createObjectURL(await (await responsePromise).blob());
        this.urls.push(url);
        return url;
    }

    revokeAll() {
        for (const url of this.urls.splice(0)) URL.revokeObjectURL(url);
    }
}

/** A response's body as text (UTF-8; a character cut by the end of a range is left out). */
export async function textOf(res) {
    return new TextDecoder('utf-8').decode(await res.arrayBuffer(), { stream: true });
}

/** A thumbnail as an object URL through `urls`, or null when the file has none (404). */
async function thumbnailUrl(urls, nodeId, size) {
    try {
        return await urls.of(drive.thumbnail(nodeId, size));
    } catch (e) {
        if (e instanceof ProblemError && e.status === 404) return null;
        throw e;
    }
}

/** The preview source (see preview.js) of the owner's files. */
export function nodeSource(transfers) {
    const urls = new ObjectUrls();
    return {
        image: (node) => thumbnailUrl(urls, node.id, 1024),
        async original(node) {
            const streamed = streamUrl(node.id);
            if (streamed) return streamed;
            return node.size > BLOB_PREVIEW_LIMIT ? null : urls.of(drive.content(node.id));
        },
        async text(node, bytes) {
            if (!node.size) return '';
            return textOf(await drive.contentStart(node.id, Math.min(bytes, node.size) - 1));
        },
        download: (node) => downloadNode(transfers, node),
        release: () => urls.revokeAll(),
    };
}

/**
 * The list's thumbnails (64 px) of image files: object URLs kept per content (md5) while the list shows them,
 * revoked once a render no longer uses them.
 */
export class ListThumbnails {
    constructor() {
        this.byMd5 = new Map(); // md5 -> Promise<url|null>
        this.used = new Set();
    }

    /** Starts a render: what the last render used and this one does not is revoked by done(). */
    begin() {
        this.used = new Set();
    }

    /**
     * The list's icon of `node`: `typeIcon` itself, or for an image the thumbnail (img.thumb) that replaces it once
     * it came.
     */
    icon(node, typeIcon) {
        if (previewKind(node) !== 'image' || !node.md5) return typeIcon;
        const img = h('img', { class: 'thumb', alt: '', width: 36, height: 36, hidden: true, decoding: 'async' });
        this.fill(node, img);
        return h('span', { class: 'thumb-box' }, img, typeIcon);
    }

    /** Puts the node's thumbnail into `img` once it is there; leaves `img` hidden when there is none. */
    fill(node, img) {
        this.used.add(node.md5);
        let url = this.byMd5.get(node.md5);
        if (!url) {
            const urls = new ObjectUrls();
            url = thumbnailUrl(urls, node.id, 64).catch(() => null);
            this.byMd5.set(node.md5, url);
        }
        url.then((u) => {
            if (!u) return;
            img.src = u;
            img.hidden = false;
            img.nextElementSibling?.setAttribute('hidden', '');
        });
    }

    done() {
        for (const [md5, url] of this.byMd5) {
            if (this.used.has(md5)) continue;
            this.byMd5.delete(md5);
            url.then((u) => u && URL.revokeObjectURL(u));
        }
    }
}
