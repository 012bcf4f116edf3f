// Service worker of the browser client: lets <video>, <audio>, <img> and <iframe> play the owner's files straight from
// GET /api/v2/nodes/{id}/content, which needs the Bearer token in a header those elements cannot send. They ask for
// stream/nodes/{id} instead; this worker asks the page for the current token (never stored here, never in a URL),
// forwards the request with it and with the element's Range header, and hands back the server's answer, so media
// seek by Range whatever their size. Downloads (downloads.js) navigate a hidden frame to stream/downloads/{id}: the
// same request, answered with the server's "attachment", so the browser streams the file to disk. Every other request
// goes to the network untouched.

const STREAM = /\/stream\/nodes\/([^/]+)$/;
const DOWNLOAD = /\/stream\/downloads\/([^/]+)$/;

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

/** The current token as `client` (a page of this app) answers it, or null. */
function askToken(client) {
    return new Promise((resolve) => {
        const channel = new MessageChannel();
        const timer = setTimeout(() => resolve(null), 3000);
        channel.port1.onmessage = (e) => {
            clearTimeout(timer);
            resolve(typeof e.data === 'string' ? e.data : null);
        };
        client.postMessage({ type: 'clouddisk-token' }, [channel.port2]);
    });
}

/**
 * The token of the page that asked, or, for a frame's navigation (which has no asking page yet), the first token
 * any window of this client answers: all are asked at once, since a frame's own empty document never answers.
 */
async function tokenFor(event) {
    const asking = event.clientId ? await self.clients.get(event.clientId) : null;
    const candidates = asking ? [asking] : await self.clients.matchAll({ type: 'window' });
    const tokens = candidates.map((client) => askToken(client).then((token) => token ?? Promise.reject()));
    return Promise.any(tokens).catch(() => null);
}

/** The server's answer to a GET of the node's content, asked with the page's token (and `range`, if any). */
async function content(event, id, range) {
    const token = await tokenFor(event);
    if (!token) return new Response(null, { status: 401 });
    const headers = { Authorization: `Bearer ${token}` };
    if (range) headers.Range = range;
    return fetch(new URL(`../../api/v2/nodes/${id}/content`, event.request.url),
        { headers, cache: 'no-store', credentials: 'same-origin' });
}

async function stream(event, id) {
    const answer = await content(event, id, event.request.headers.get('Range'));
    if (event.request.mode !== 'navigate') return answer;
    // A frame (the PDF viewer) shows the file rather than saving it: the same answer without "attachment".
    const shown = new Headers(answer.headers);
    shown.delete('Content-Disposition');
    return new Response(answer.body, { status: answer.status, statusText: answer.statusText, headers: shown });
}

/**
 * A download: the server's answer passes through untouched (its body is never read here), and the pages hear how the
 * server answered, by the download's `ticket` (a random name for this one download, not a credential). A refusal
 * ends the frame's navigation with 204, so nothing is saved and the page reports the problem.
 */
async function download(event, id) {
    const answer = await content(event, id, null);
    const ticket = new URL(event.request.url).searchParams.get('ticket');
    let problem = null;
    if (!answer.ok) {
        try {
            problem = await answer.json();
        } catch (e) { /* no problem document: the status says it */ }
    }
    for (const client of await self.clients.matchAll({ type: 'window' })) {
        client.postMessage({ type: 'clouddisk-download', ticket, status: answer.status, problem });
    }
    return answer.ok ? answer : new Response(null, { status: 204 });
}

self.addEventListener('fetch', (event) => {
    const url = new URL(event.request.url);
    if (url.origin !== self.location.origin || event.request.method !== 'GET') return;
    const streamed = STREAM.exec(url.pathname);
    if (streamed) event.respondWith(stream(event, streamed[1]));
    const downloaded = DOWNLOAD.exec(url.pathname);
    if (downloaded) event.respondWith(download(event, downloaded[1]));
});
