// Streaming the owner's files into <video>, <audio>, <img> and <iframe> through the service worker
// (stream-worker.js), which adds the Bearer token the elements cannot send. Where service workers are not available
// (plain HTTP on another host than localhost, private modes that refuse them) or before it controls the page,
// streamUrl() answers null and the previews fall back to fetching small files whole (node-media.js).

import { session } from './session.js';

/** Registers the worker and answers its requests for the current token. */
export function startStreaming() {
    if (!navigator.serviceWorker) return;
    navigator.serviceWorker.addEventListener('message', (event) => {
        if (event.data && event.data.type === 'clouddisk-token' && event.ports[0]) {
            const s = session.get();
            event.ports[0].postMessage(s ? s.token : null);
        }
    });
    navigator.serviceWorker.register('stream-worker.js').catch((e) => {
        console.info('Streaming previews are off (no service worker):', e && e.message);
    });
}

/** The URL that streams the node's content into a media element, or null when no worker serves it now. */
export function streamUrl(nodeId) {
    if (!navigator.serviceWorker || !navigator.serviceWorker.controller) return null;
    return `stream/nodes/${encodeURIComponent(nodeId)}`;
}
