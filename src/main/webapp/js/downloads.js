// Downloads, each recorded in the transfer list.

import { drive, ProblemError } from './v2.js';
import { sessionExpired } from './api.js';
import { streamingReady, streamDownload } from './streaming.js';
import { h, formatSize } from './util.js';
import { notify } from './status.js';

/** How long a download waits for the service worker to take control of a page that just registered it. */
const WORKER_WAIT_MS = 3000;

/** Hands `href` to the browser's downloads as `name` through a real link. */
export function save(href, name) {
    const a = h('a', { href, download: name, rel: 'noopener', hidden: true });
    try {
        if (new URL(href, location.href).origin !== location.origin) a.target = '_blank';
    } catch (e) { /* relative or odd url: same origin */ }
    document.body.append(a);
    a.click();
    a.remove();
}

/**
 * A public file by its download address (the seed's `url`), so the browser streams it to disk; returns the
 * transfer row's note function for what counting it answered.
 */
export function downloadUrl(transfers, url, name, size) {
    save(url, name);
    notify(`Downloading “${name}” (${formatSize(size)})…`, 'info');
    return transfers.addDownload(name, size);
}

/**
 * One of the user's files through GET /api/v2/nodes/{id}/content (which counts the download). A link cannot carry
 * the Bearer header, so the service worker does (streaming.js): the browser streams the file to disk and this page
 * never holds it. Only without a service worker (insecure context, a browser that refuses it) are the bytes fetched
 * here and handed over as a Blob, which holds the whole file in memory until it is saved.
 */
export async function downloadNode(transfers, node) {
    notify(`Downloading “${node.name}” (${formatSize(node.size)})…`, 'info');
    const note = transfers.addDownload(node.name, node.size);
    try {
        if (await streamingReady(WORKER_WAIT_MS)) {
            const { status, problem } = await streamDownload(node.id);
            if (status === 401) throw sessionExpired();
            if (status !== null && (status < 200 || status > 299)) throw new ProblemError(status, problem);
            note(status === null ? 'no answer from the server yet' : 'streaming to disk');
        } else {
            const blob = await (await drive.content(node.id)).blob();
            const href = URL.createObjectURL(blob);
            save(href, node.name);
            setTimeout(() => URL.revokeObjectURL(href), 60_000); // once the browser has taken it
            note('saved (fetched whole: no service worker)');
        }
    } catch (e) {
        note('failed');
        throw e;
    }
}
