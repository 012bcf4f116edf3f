// Service worker of the browser client: lets <video>, <audio>, <img> and <iframe> play the owner's files straight from
// GET /api/v2/nodes/{id}/content, which needs the Bearer token in a header those elements cannot send. They ask for
// stream/nodes/{id} instead; this worker asks the page for the current token (never stored here, never in a URL),
// forwards the request with it and with the element's Range header, and hands back the server's answer, so media
// seek by Range whatever their size. Every other request goes to the network untouched.

const STREAM = /\/stream\/nodes\/([^/]+)$/;

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

/** The token of the page that asked (or, for a frame's navigation, of any page of this client), or null. */
async function tokenFor(event) {
    const asking = event.clientId ? await self.clients.get(event.clientId) : null;
    const candidates = asking ? [asking] : await self.clients.matchAll({ type: 'window' });
    for (const client of candidates) {
        const token = await new Promise((resolve) => {
            const channel = new MessageChannel();
            const timer = setTimeout(() => resolve(null), 3000);
            channel.port1.onmessage = (e) => {
                clearTimeout(timer);
                resolve(typeof e.data === 'string' ? e.data : null);
            };
            client.postMessage({ type: 'clouddisk-token' }, [channel.port2]);
        });
        if (token) return token;
    }
    return null;
}

async function stream(event, id) {
    const token = await tokenFor(event);
    if (!token) return new Response(null, { status: 401 });
    const headers = { Authorization: `Bearer ${token}` };
    const range = event.request.headers.get('Range');
    if (range) headers.Range = range;
    const answer = await fetch(new URL(`../../api/v2/nodes/${id}/content`, event.request.url),
        { headers, cache: 'no-store', credentials: 'same-origin' });
    if (event.request.mode !== 'navigate') return answer;
    // A frame (the PDF viewer) shows the file rather than saving it: the same answer without "attachment".
    const shown = new Headers(answer.headers);
    shown.delete('Content-Disposition');
    return new Response(answer.body, { status: answer.status, statusText: answer.statusText, headers: shown });
}

self.addEventListener('fetch', (event) => {
    const url = new URL(event.request.url);
    const match = url.origin === self.location.origin && event.request.method === 'GET' ? STREAM.exec(url.pathname) : null;
    if (match) event.respondWith(stream(event, match[1]));
});
