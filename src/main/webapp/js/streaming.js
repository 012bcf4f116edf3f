// Streaming the owner's files through the service worker (stream-worker.js), which adds the Bearer token that
// <video>, <audio>, <img>, <iframe> and the browser's downloads cannot send. Where service workers are not available
// (plain HTTP on another host than localhost, private modes that refuse them) or before it controls the page,
// streamUrl() answers null and the previews fall back to fetching small files whole (node-media.js); downloads fall
// back likewise (downloads.js).

import { session } from './session.js';
import { h } from './util.js';

/** How long a download waits for the server's answer as the worker reports it. */
const DOWNLOAD_ANSWER_WAIT_MS = 60_000;

/** Downloads waiting for the worker's report of the server's answer: ticket → resolve. */
const pendingDownloads = new Map();
let workerRefused = false;

/** Registers the worker and answers its requests for the current token and its reports of downloads. */
export function startStreaming() {
    if (!navigator.serviceWorker) return;
    navigator.serviceWorker.addEventListener('message', (event) => {
        const data = event.data || {};
        if (data.type === 'clouddisk-token' && event.ports[0]) {
            const s = session.get();
            event.ports[0].postMessage(s ? s.token : null);
        } else if (data.type === 'clouddisk-download' && pendingDownloads.has(data.ticket)) {
            pendingDownloads.get(data.ticket)({ status: data.status, problem: data.problem });
            pendingDownloads.delete(data.ticket);
        }
    });
    navigator.serviceWorker.register('stream-worker.js').catch((e) => {
        workerRefused = true;
        console.info('Streaming previews and downloads are off (no service worker):', e && e.message);
    });
}

/** The URL that streams the node's content into a media element, or null when no worker serves it now. */
export function streamUrl(nodeId) {
    if (!navigator.serviceWorker || !navigator.serviceWorker.controller) return null;
    return `stream/nodes/${encodeURIComponent(nodeId)}`;
}

/**
 * Whether a worker controls the page, waiting up to `ms` for one that is still taking control (the page's first
 * load registers it).
 */
export function streamingReady(ms) {
    if (!navigator.serviceWorker || workerRefused) return Promise.resolve(false);
    if (navigator.serviceWorker.controller) return Promise.resolve(true);
    return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(Boolean(navigator.serviceWorker.controller)), ms);
        navigator.serviceWorker.addEventListener('controllerchange', () => {
            clearTimeout(timer);
            resolve(true);
        }, { once: true });
    });
}

/**
 * Hands the node's content to the browser's downloads through the worker: a hidden frame navigates to
 * stream/downloads/{id}, which the worker answers with the server's streamed "attachment" answer, so the file goes to
 * disk as it arrives, never whole into this page. Answers `{status, problem}` of the server's answer once the worker
 * reported it (`status` null when no report came in time). A frame whose download started stays: removing it could
 * cancel a download that is still starting, and an empty frame costs nothing; a refused one goes.
 */
export function streamDownload(nodeId) {
    const ticket = crypto.randomUUID();
    const frame = h('iframe', {
        class: 'download-frame', hidden: true, title: 'download',
        src: `stream/downloads/${encodeURIComponent(nodeId)}?ticket=${ticket}`,
    });
    const answered = new Promise((resolve) => {
        pendingDownloads.set(ticket, (answer) => {
            if (answer.status < 200 || answer.status > 299) frame.remove();
            resolve(answer);
        });
        setTimeout(() => {
            if (pendingDownloads.delete(ticket)) resolve({ status: null, problem: null });
        }, DOWNLOAD_ANSWER_WAIT_MS);
    });
    document.body.append(frame);
    return answered;
}
